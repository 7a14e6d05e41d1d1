// What the register-ops screens need of the sell screen's offline data path: its outbox (the local
// sale history and the durable queue) and who is ringing up. Cash in/out and refunds of this
// register's own sales go through it, so they work without the server like sales do.
import { uuidv7 } from '@opentill/core';
import { locallyRefunded, localSaleByReceipt, localSales, recordCashMovement, recordRefund } from '../data/outbox';
import type { CashMovementEntry, OutboxEntry, RefundEntry, RegisterDb } from '../data/register-db';
import type { Sale } from '../../lib/api/register-ops-endpoints';
import { refundTotal, type RefundPick } from './refund-plan';

export interface LocalOps {
  db: RegisterDb;
  receiptPrefix: string;
  cashierName: string;
  /** Called after an entry was stored: counts it and wakes the sync worker. */
  recorded: () => void | Promise<void>;
}

/** The last open shift the server told this register about: cash movements offline go to it. */
const SHIFT_KEY = 'openShift';
export const rememberShift = (db: RegisterDb, shift: unknown) => db.setMeta(SHIFT_KEY, shift);
export const rememberedShift = <T>(db: RegisterDb) => db.getMeta<T | null>(SHIFT_KEY);

/** Cash in/out through the outbox: stored before the slip shows, replayed with its id. */
export async function recordLocalCashMovement(local: LocalOps, shiftId: string, body: CashMovementEntry['body']): Promise<CashMovementEntry> {
  const entry = await recordCashMovement(local.db, { shiftId, body, createdAt: new Date().toISOString(), cashierName: local.cashierName });
  await local.recorded();
  return entry;
}

/** Can be refunded from the local history: a sale of this register recorded with its priced lines. */
export const hasLocalLines = (e: OutboxEntry) => (e.summary.lines?.length ?? 0) > 0;

/**
 * A local sale in the shape of the sales API's answer, with what this register already refunded of
 * it, so the refund plan (the server's proration, refund-plan.ts) works on it unchanged.
 */
export function localSaleOf(entry: OutboxEntry, refunded: ReadonlyMap<string, number>): Sale {
  return {
    id: entry.id,
    storeId: '',
    registerId: '',
    kind: 'sale',
    status: 'completed',
    originalSaleId: null,
    registerSeq: entry.registerSeq,
    receiptNo: entry.result?.receiptNo ?? entry.receiptNo,
    currency: '',
    total: entry.summary.total,
    completedAt: entry.createdAt,
    lines: (entry.summary.lines ?? []).map((l) => ({
      id: l.id,
      productId: l.productId,
      variantId: null,
      name: l.name,
      qty: l.qty,
      unitPrice: 0,
      total: l.total,
      originalLineId: null,
      refundedQty: refunded.get(l.id) ?? 0,
    })),
    payments: entry.body.payments.map((p) => ({ id: p.id, tender: p.tender, customName: p.customName ?? null, amount: p.amount, status: 'approved', card: null })),
  };
}

export async function loadLocalSale(db: RegisterDb, entry: OutboxEntry): Promise<Sale> {
  return localSaleOf(entry, await locallyRefunded(db, entry.id));
}

export { localSales, localSaleByReceipt };

/** Numbers and stores a cash refund of a local sale (one transaction), then wakes the worker. */
export async function recordLocalRefund(
  local: LocalOps,
  original: OutboxEntry,
  sale: Sale,
  pick: RefundPick,
  opts: { id: string; reason: string; overridePin: string | null },
): Promise<RefundEntry> {
  const total = refundTotal(sale, pick);
  const entry = await recordRefund(local.db, {
    original,
    receiptPrefix: local.receiptPrefix,
    createdAt: new Date().toISOString(),
    cashierName: local.cashierName,
    overridePin: opts.overridePin,
    body: {
      id: opts.id,
      lines: Object.entries(pick)
        .filter(([, qty]) => qty > 0)
        .map(([originalLineId, qty]) => ({ id: uuidv7(), originalLineId, qty })),
      payments: [{ id: uuidv7(), tender: 'cash', amount: -total }],
      ...(opts.reason ? { reason: opts.reason } : {}),
    },
  });
  await local.recorded();
  return entry;
}

/** A queued refund in the shape the pay-out screen shows (its money goes out as a negative total). */
export function localRefundDoc(entry: RefundEntry): Sale {
  return {
    id: entry.id,
    storeId: '',
    registerId: '',
    kind: 'refund',
    status: 'completed',
    originalSaleId: entry.originalId,
    registerSeq: entry.registerSeq,
    receiptNo: entry.receiptNo,
    currency: '',
    total: entry.summary.total,
    completedAt: entry.createdAt,
    lines: [],
    payments: entry.body.payments.map((p) => ({ id: p.id, tender: p.tender, customName: null, amount: p.amount, status: 'approved', card: null })),
  };
}
