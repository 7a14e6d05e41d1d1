import { sql } from 'kysely';
import { inTransaction, systemContext, type RequestContext } from '../../platform/context.js';
import { conflict } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/index.js';
import { recordAudit } from '../audit/index.js';
import { appendJournal } from '../journal/index.js';
import { findOpenShift } from '../shifts/index.js';
import { countWaiting, enqueueDelivery, hasOriginalPrint, type DeliveryJob } from './delivery-queue.js';
import type { WorkerEnv } from './print-jobs.js';
import { findPrinterConfig } from './printers.repository.js';
import { hasCashTender, type SaleRef } from './sale-lookup.js';

export function requireCompleted(sale: SaleRef): void {
  if (sale.status !== 'completed')
    throw conflict('sale_not_completed', `Only a completed sale has a receipt (this one is ${sale.status})`);
}

async function requirePrinter(ctx: RequestContext, registerId: string) {
  const printer = await findPrinterConfig(ctx.db, registerId);
  if (!printer)
    throw conflict(
      'printer_not_configured',
      'This register has no receipt printer; set one under printer settings',
    );
  return printer;
}

/**
 * Queues a receipt for the register's printer. Anything after the first original is a copy
 * (marked "KOPIE"/"COPY"), whatever the caller asked: a second original would be a second receipt.
 */
export async function queueSalePrint(
  ctx: RequestContext,
  sale: SaleRef,
  registerId: string,
  copy: boolean | undefined,
) {
  requireCompleted(sale);
  await requirePrinter(ctx, registerId);
  return inTransaction(ctx, async (tx) => {
    const isCopy = copy === true || (await hasOriginalPrint(tx.db, sale.id));
    const job = await enqueueDelivery(tx, {
      orgId: sale.org_id,
      storeId: sale.store_id,
      channel: 'print',
      registerId,
      saleId: sale.id,
      options: { copy: isCopy },
    });
    if (isCopy) {
      await recordAudit(tx, {
        action: 'receipt.reprint',
        storeId: sale.store_id,
        entityType: 'sale',
        entityId: sale.id,
        details: { registerId, jobId: job.id },
      });
    }
    return { jobId: job.id, status: job.status, copy: isCopy };
  });
}

/** No-sale: journaled, audited and the drawer kick queued in one transaction. */
export async function openDrawerNoSale(
  ctx: RequestContext,
  registerId: string,
  storeId: string,
  reason: string | undefined,
) {
  await requirePrinter(ctx, registerId);
  return inTransaction({ ...ctx, registerId }, async (tx) => {
    const shift = await findOpenShift(tx, registerId);
    const journal = await appendJournal(tx, {
      storeId,
      registerId,
      shiftId: shift?.id ?? null,
      type: 'no_sale',
      payload: {
        reason: reason ?? null,
        userId: tx.actor?.userId ?? null,
        approverUserId: tx.approver?.userId ?? null,
      },
    });
    const job = await enqueueDelivery(tx, {
      orgId: tx.actor?.orgId ?? '',
      storeId,
      channel: 'drawer',
      registerId,
    });
    await recordAudit(tx, {
      action: 'cash.drawer.no_sale',
      storeId,
      entityType: 'register',
      entityId: registerId,
      details: { reason: reason ?? null, journalSeq: journal.seq, jobId: job.id },
    });
    return { jobId: job.id, status: job.status };
  });
}

export async function printerStatusOf(ctx: RequestContext, registerId: string) {
  const printer = await findPrinterConfig(ctx.db, registerId);
  const queued = await countWaiting(ctx.db, registerId);
  return {
    configured: Boolean(printer),
    status: printer?.status ?? 'unknown',
    queued,
    lastError: printer?.last_error ?? null,
    checkedAt: printer?.status_at ?? null,
  };
}

/**
 * After a sale or refund is committed: the receipt (with the drawer pulse when cash moved) when the
 * register prints automatically, else the drawer kick alone. Keys make a redelivered event harmless.
 */
export async function onSaleDocument(
  env: WorkerEnv,
  saleId: string,
  registerId: string | null,
): Promise<DeliveryJob | null> {
  // Most registers in a test or an API-only setup have no printer: one indexed read and done.
  if (registerId && !(await findPrinterConfig(env.db, registerId))) return null;
  const sale = await env.db
    .selectFrom('sales')
    .select(['id', 'org_id', 'store_id', 'register_id', 'status', 'kind', 'receipt_no'])
    .where('id', '=', saleId)
    .executeTakeFirst();
  if (!sale || sale.status !== 'completed') return null;
  const printer = await findPrinterConfig(env.db, sale.register_id);
  if (!printer) return null;
  const ctx = systemContext(env.db, env.clock, sale.org_id);
  const cash = await hasCashTender(env.db, sale.id);
  const base = { orgId: sale.org_id, storeId: sale.store_id, registerId: sale.register_id, saleId: sale.id };
  if (printer.auto_print) {
    return enqueueDelivery(ctx, {
      ...base,
      channel: 'print',
      options: { copy: false, openDrawer: cash },
      dedupeKey: `auto-print:${sale.id}`,
    });
  }
  if (cash) return enqueueDelivery(ctx, { ...base, channel: 'drawer', dedupeKey: `auto-drawer:${sale.id}` });
  return null;
}

/** How far back the catch-up sweep looks for completed documents without their automatic job. */
export const AUTO_PRINT_CATCH_UP_MS = 15 * 60_000;

/**
 * The automatic print/drawer job is queued by an event handler after the sale committed; a server
 * that dies in between would lose it (not the sale). Every server therefore sweeps, at start and then
 * periodically, the last minutes' completed documents of registers with a printer and queues what is
 * missing (the dedupe keys make a job that exists already a no-op; stale drawer kicks are dropped by
 * the worker). Sale ids are UUIDv7, so "the last 15 minutes" is a primary-key range.
 */
export async function catchUpAutoPrints(env: WorkerEnv): Promise<number> {
  const since = env.clock.now().getTime() - AUTO_PRINT_CATCH_UP_MS;
  const hex = since.toString(16).padStart(12, '0');
  const lowestId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
  const missed = await env.db
    .selectFrom('sales as s')
    .innerJoin('printer_configs as p', 'p.register_id', 's.register_id')
    .select(['s.id', 's.register_id'])
    .where('s.id', '>=', lowestId)
    .where('s.status', '=', 'completed')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('delivery_jobs as j')
            .select('j.id')
            .where((w) => w.or([w('j.dedupe_key', '=', sql<string>`'auto-print:' || s.id`), w('j.dedupe_key', '=', sql<string>`'auto-drawer:' || s.id`)])),
        ),
      ),
    )
    .execute();
  let queued = 0;
  for (const m of missed) if (await onSaleDocument(env, m.id, m.register_id)) queued += 1;
  return queued;
}

export function subscribeAutoPrint(
  events: EventBus,
  env: WorkerEnv,
  onError: (err: unknown) => void,
): () => void {
  const handler = (event: { id: string; payload: unknown }) => {
    const registerId = (event.payload as { registerId?: unknown } | null)?.registerId;
    return onSaleDocument(env, event.id, typeof registerId === 'string' ? registerId : null).then(
      () => undefined,
      onError,
    );
  };
  const offs = [events.subscribe('sale.completed', handler), events.subscribe('sale.refunded', handler)];
  return () => offs.forEach((off) => off());
}
