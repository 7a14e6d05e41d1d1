import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorizeOnRegister } from '../sales/sales-http.js';
import { cancelCardPayment, presentCardPayment, recoverCardPayment, startCardPayment } from './card-payments.service.js';

const params = z.strictObject({ id: z.uuid() });
const recoverParams = z.strictObject({ id: z.uuid(), paymentId: z.uuid() });
const body = z.strictObject({
  id: z.uuid(),
  amount: z.number().int('must be an integer (minor units)').min(1, 'must be positive').max(100_000_000),
  tip: z.number().int().min(0).max(100_000_000).default(0),
  saleId: z.uuid().optional(),
});

export function registerCardPaymentRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['payments'];

  app.post('/registers/:id/card-payments', { schema: { tags, summary: "Charge a card on the register's terminal", params, body } }, async (request, reply) => {
    const { ctx, register } = await authorizeOnRegister(request, 'sales.create', request.params.id, { pepper, field: 'params.id' });
    const result = await startCardPayment(ctx, app.deps.paymentTerminals(register.id), register, request.body);
    return reply.code(result.statusCode).send(presentCardPayment(result.row));
  });

  app.post(
    '/registers/:id/card-payments/:paymentId/recover',
    { schema: { tags, summary: 'Resolve a card payment whose answer was lost (asks the terminal first)', params: recoverParams } },
    async (request) => {
      const { ctx, register } = await authorizeOnRegister(request, 'sales.create', request.params.id, { pepper, field: 'params.id' });
      return presentCardPayment(await recoverCardPayment(ctx, app.deps.paymentTerminals(register.id), register, request.params.paymentId));
    },
  );

  app.post(
    '/registers/:id/card-payments/:paymentId/cancel',
    { schema: { tags, summary: 'Ask the terminal to abort a running card payment (the start request then answers "cancelled")', params: recoverParams } },
    async (request, reply) => {
      const { ctx, register } = await authorizeOnRegister(request, 'sales.create', request.params.id, { pepper, field: 'params.id' });
      const row = await cancelCardPayment(ctx, app.deps.paymentTerminals(register.id), register, request.params.paymentId);
      return reply.code(202).send(presentCardPayment(row));
    },
  );
}
