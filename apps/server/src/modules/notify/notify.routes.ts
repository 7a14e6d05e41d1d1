import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../auth/authorize.js';
import { enqueueDelivery, requireCompleted, saleOf } from '../printing/index.js';
import { idParams } from '../stores/stores.schema.js';
import { emailBody, smsBody } from './notify.schema.js';

const unavailable = (code: string, message: string) => new AppError('unavailable', code, message);

export function registerNotifyRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['receipts'];

  app.post(
    '/sales/:id/email',
    {
      schema: {
        tags,
        summary: 'Email the receipt (HTML, text and PDF) of a completed sale',
        params: idParams,
        body: emailBody,
      },
    },
    async (request, reply) => {
      const sale = await saleOf(request, request.params.id);
      const ctx = await authorize(request, 'sales.create', { storeId: sale.store_id, pepper });
      requireCompleted(sale);
      if (!app.deps.config.smtp)
        throw unavailable(
          'email_not_configured',
          'Email receipts are not set up on this server (OPENTILL_SMTP_HOST)',
        );
      const job = await enqueueDelivery(ctx, {
        orgId: sale.org_id,
        storeId: sale.store_id,
        channel: 'email',
        saleId: sale.id,
        recipient: request.body.to,
      });
      return reply.code(202).send({ jobId: job.id, status: job.status });
    },
  );

  app.post(
    '/sales/:id/sms',
    {
      schema: {
        tags,
        summary: 'Text a link to the receipt of a completed sale',
        params: idParams,
        body: smsBody,
      },
    },
    async (request, reply) => {
      const sale = await saleOf(request, request.params.id);
      const ctx = await authorize(request, 'sales.create', { storeId: sale.store_id, pepper });
      requireCompleted(sale);
      if (!app.deps.config.sms)
        throw unavailable(
          'sms_not_configured',
          'SMS receipts are not set up on this server (OPENTILL_SMS_WEBHOOK_URL)',
        );
      const job = await enqueueDelivery(ctx, {
        orgId: sale.org_id,
        storeId: sale.store_id,
        channel: 'sms',
        saleId: sale.id,
        recipient: request.body.to,
      });
      return reply.code(202).send({ jobId: job.id, status: job.status });
    },
  );
}
