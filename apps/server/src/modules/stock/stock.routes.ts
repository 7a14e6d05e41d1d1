import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.js';
import { authorize } from '../auth/authorize.js';
import { findStore } from '../stores/index.js';
import { idParams } from '../stores/stores.schema.js';
import { listStockLevels, listStockMovements } from './stock.repository.js';
import { adjustmentBody, movementsQuery, stockPolicyBody, stockQuery } from './stock.schema.js';
import { recordAdjustment, setNegativeStockPolicy } from './stock.service.js';

export function registerStockRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['stock'];

  app.get('/stores/:id/stock', { schema: { tags, summary: 'Stock levels of a store', params: idParams, querystring: stockQuery } }, async (request) => {
    const ctx = await authorize(request, 'stock.read', { storeId: request.params.id, pepper });
    if (!(await findStore(ctx, request.params.id))) throw notFound('Store');
    return listStockLevels(ctx, { storeId: request.params.id, ...request.query });
  });

  app.get(
    '/stores/:id/stock/movements',
    { schema: { tags, summary: 'Stock movements of a store (newest first)', params: idParams, querystring: movementsQuery } },
    async (request) => {
      const ctx = await authorize(request, 'stock.read', { storeId: request.params.id, pepper });
      if (!(await findStore(ctx, request.params.id))) throw notFound('Store');
      return listStockMovements(ctx, { storeId: request.params.id, ...request.query });
    },
  );

  app.post(
    '/stores/:id/stock/adjustments',
    { schema: { tags, summary: 'Adjust stock (idempotent by id, audited)', params: idParams, body: adjustmentBody } },
    async (request, reply) => {
      const ctx = await authorize(request, 'stock.write', { storeId: request.params.id, pepper });
      const result = await recordAdjustment(ctx, request.params.id, request.body);
      return reply.code(result.replayed ? 200 : 201).send(result);
    },
  );

  app.patch(
    '/stores/:id/stock-policy',
    { schema: { tags, summary: 'Allow or block selling into negative stock', params: idParams, body: stockPolicyBody } },
    async (request) => {
      const ctx = await authorize(request, 'stores.manage', { storeId: request.params.id, pepper });
      return setNegativeStockPolicy(ctx, request.params.id, request.body.negativeStock);
    },
  );
}
