import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.js';
import { domainEvent, publishAfterCommit } from '../../platform/events/index.js';
import { recordAudit } from '../audit/index.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { storeOfRegister } from '../stores/index.js';
import { idParams } from '../stores/stores.schema.js';
import { findJob, type DeliveryJob } from './delivery-queue.js';
import { drawerBody, printBody, printerConfigBody } from './printing.schema.js';
import { openDrawerNoSale, printerStatusOf, queueSalePrint } from './printing.service.js';
import { findPrinterConfig, presentPrinterConfig, upsertPrinterConfig } from './printers.repository.js';
import { findSaleRef } from './sale-lookup.js';

/** The sale, looked up within the caller's organisation before any permission check. */
export async function saleOf(request: FastifyRequest, saleId: string) {
  requireActor(request.ctx);
  const sale = await findSaleRef(request.ctx.db, request.ctx.actor.orgId, saleId);
  if (!sale) throw notFound('Sale');
  return sale;
}

export const presentJob = (j: DeliveryJob) => ({
  id: j.id,
  channel: j.channel,
  status: j.status,
  saleId: j.sale_id,
  registerId: j.register_id,
  recipient: j.recipient,
  attempts: j.attempts,
  lastError: j.last_error,
  /** Why the recipient was refused, when status is "bounced". */
  bounceReason: j.status === 'bounced' ? j.last_error : null,
  nextAttemptAt: j.status === 'queued' ? j.next_attempt_at : null,
  createdAt: j.created_at,
  doneAt: j.done_at,
});

export function registerPrintingRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  const tags = ['printing'];

  app.get(
    '/registers/:id/printer-config',
    { schema: { tags, summary: 'The receipt printer of a register (null when none)', params: idParams } },
    async (request) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorize(request, 'stores.read', { storeId, pepper });
      const printer = await findPrinterConfig(ctx.db, request.params.id);
      return { printer: printer ? presentPrinterConfig(printer) : null };
    },
  );

  app.put(
    '/registers/:id/printer-config',
    {
      schema: {
        tags,
        summary: 'Set the network receipt printer of a register (ESC/POS over TCP)',
        params: idParams,
        body: printerConfigBody,
      },
    },
    async (request) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorize(request, 'registers.manage', { storeId, pepper });
      const before = await findPrinterConfig(ctx.db, request.params.id);
      const row = await upsertPrinterConfig(ctx, request.params.id, storeId, request.body);
      await recordAudit(ctx, {
        action: 'printer.configured',
        storeId,
        entityType: 'register',
        entityId: request.params.id,
        before: before ? presentPrinterConfig(before) : undefined,
        after: presentPrinterConfig(row),
      });
      publishAfterCommit(ctx, domainEvent(ctx, 'printer.configured', storeId, { registerId: request.params.id }));
      return { printer: presentPrinterConfig(row) };
    },
  );

  app.get(
    '/registers/:id/printer',
    { schema: { tags, summary: 'Receipt printer state and waiting jobs of a register', params: idParams } },
    async (request) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorize(request, 'stores.read', { storeId, pepper });
      return printerStatusOf(ctx, request.params.id);
    },
  );

  app.post(
    '/registers/:id/drawer/open',
    {
      schema: {
        tags,
        summary: 'Open the cash drawer without a sale (no-sale; journaled and audited)',
        params: idParams,
        body: drawerBody,
      },
    },
    async (request, reply) => {
      const storeId = await storeOfRegister(request, request.params.id);
      const ctx = await authorize(request, 'cash.drawer.open', { storeId, pepper });
      return reply
        .code(202)
        .send(await openDrawerNoSale(ctx, request.params.id, storeId, request.body.reason));
    },
  );

  app.post(
    '/sales/:id/print',
    {
      schema: {
        tags,
        summary: 'Print the receipt of a completed sale (after the first original: a marked copy)',
        params: idParams,
        body: printBody,
      },
    },
    async (request, reply) => {
      const sale = await saleOf(request, request.params.id);
      const ctx = await authorize(request, 'sales.create', { storeId: sale.store_id, pepper });
      // On a register the receipt comes out of that register's printer; elsewhere out of the sale's.
      const here =
        ctx.session?.registerId && ctx.session.storeId === sale.store_id
          ? ctx.session.registerId
          : sale.register_id;
      return reply.code(202).send(await queueSalePrint(ctx, sale, here, request.body.copy));
    },
  );

  app.get(
    '/delivery-jobs/:id',
    { schema: { tags, summary: 'State of a print, email or SMS job', params: idParams } },
    async (request) => {
      requireActor(request.ctx);
      const job = await findJob(request.ctx, request.params.id);
      if (!job) throw notFound('Delivery job');
      await authorize(request, 'sales.create', { storeId: job.store_id, pepper });
      return presentJob(job);
    },
  );
}
