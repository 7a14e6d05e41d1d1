import type { AuditEventEntry, CashMovementEntry, OutboxEntry, QueueEntry, RefundEntry, RefundRequest, RegisterDb, SaleReceipt, SyncError } from './register-db';
import type { SaleRequest } from './sale-request';

/**
 * The durable outbox. `recordSale` is THE commit point of a sale on the register: one IndexedDB
 * transaction takes the next register sequence number and stores the sale; only after it resolves
 * may the receipt screen appear. Nothing here talks to the network (see sync-worker.ts).
 */

const SEQ_KEY = 'registerSeq';
const QUEUE_KEY = 'queueSeq';

/** The next queue position (all kinds share one order). Call inside a transaction over meta. */
async function nextQueueSeq(db: RegisterDb): Promise<number> {
  const seq = ((await db.getMeta<number>(QUEUE_KEY)) ?? 0) + 1;
  await db.setMeta(QUEUE_KEY, seq);
  return seq;
}

/** The bookkeeping every new outbox entry starts with. */
function fresh(idempotencyKey: string, createdAt: string, seq: number) {
  return {
    seq,
    idempotencyKey,
    createdAt,
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    result: null,
    syncedAt: null,
    reviewedAt: null,
    reviewedBy: null,
  };
}

/** "Kasse 1" → "KASSE1": the receipt number prefix (receipt numbers allow letters, digits, . _ - /). */
export function receiptPrefix(registerName: string): string {
  const clean = registerName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
    .slice(0, 16);
  return clean || 'R';
}

export const receiptNumber = (prefix: string, seq: number) => `${prefix}-${String(seq).padStart(6, '0')}`;

/** The last register sequence number used on this device. */
export async function lastRegisterSeq(db: RegisterDb): Promise<number> {
  return (await db.getMeta<number>(SEQ_KEY)) ?? 0;
}

/**
 * The server knows a higher number (another device of this register, or this browser's data was
 * reset): continue after it, never reuse a number.
 */
export async function raiseRegisterSeq(db: RegisterDb, serverSeq: number): Promise<number> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const local = await lastRegisterSeq(db);
    const newest = await db.outbox.orderBy('registerSeq').last();
    const next = Math.max(local, serverSeq, newest && 'registerSeq' in newest ? newest.registerSeq : 0);
    if (next !== local) await db.setMeta(SEQ_KEY, next);
    return next;
  });
}

export interface NewSale {
  /** Everything except the numbers the outbox assigns. */
  body: Omit<SaleRequest, 'registerSeq' | 'receiptNo'>;
  receiptPrefix: string;
  summary: OutboxEntry['summary'];
  createdAt: string;
  mode?: OutboxEntry['mode'];
  overridePin?: string | null;
}

/** Numbers and stores a paid sale durably. Resolves only once IndexedDB committed. */
export async function recordSale(db: RegisterDb, sale: NewSale): Promise<OutboxEntry> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const existing = await db.outbox.get(sale.body.id);
    // A double tap on "Pay" must not become two sales.
    if (existing) {
      if (existing.kind !== 'sale') throw new Error(`Outbox id ${existing.id} is a ${existing.kind}`);
      return existing;
    }
    const registerSeq = (await lastRegisterSeq(db)) + 1;
    const receiptNo = receiptNumber(sale.receiptPrefix, registerSeq);
    const entry: OutboxEntry = {
      ...fresh(`sale:${sale.body.id}`, sale.createdAt, await nextQueueSeq(db)),
      kind: 'sale',
      id: sale.body.id,
      registerSeq,
      receiptNo,
      body: { ...sale.body, registerSeq, receiptNo },
      summary: sale.summary,
      mode: sale.mode ?? 'sale',
      overridePin: sale.overridePin ?? null,
    };
    await db.setMeta(SEQ_KEY, registerSeq);
    await db.outbox.add(entry);
    return entry;
  });
}

export async function pendingCount(db: RegisterDb): Promise<number> {
  return db.outbox.where('status').equals('pending').count();
}

/** Sales that did not go through or went through with a price difference, until a manager saw them. */
export async function needsReview(db: RegisterDb): Promise<QueueEntry[]> {
  const all = await db.outbox.where('status').anyOf('rejected', 'synced').toArray();
  return all.filter((e) => e.reviewedAt === null && (e.status === 'rejected' || (e.result !== null && e.result.priceDifference !== 0)));
}

export async function markReviewed(db: RegisterDb, id: string, by: string, at: string): Promise<void> {
  await db.outbox.update(id, { reviewedAt: at, reviewedBy: by });
}

export async function markSynced(db: RegisterDb, id: string, result: SaleReceipt, at: string): Promise<void> {
  // The PIN (sales and refunds only) is erased as soon as the server answered.
  await db.outbox.update(id, { status: 'synced', result, syncedAt: at, lastError: null, overridePin: null } as Partial<OutboxEntry>);
}

export async function markRejected(db: RegisterDb, id: string, error: SyncError, attempts: number): Promise<void> {
  await db.outbox.update(id, { status: 'rejected', lastError: error, attempts, overridePin: null } as Partial<OutboxEntry>);
}

export async function markRetry(db: RegisterDb, id: string, error: SyncError, attempts: number, nextAttemptAt: number): Promise<void> {
  await db.outbox.update(id, { lastError: error, attempts, nextAttemptAt });
}

/** A rejected sale a manager sent again (e.g. after fixing the catalog on the server). */
export async function requeue(db: RegisterDb, id: string): Promise<void> {
  await db.outbox.update(id, { status: 'pending', nextAttemptAt: 0 });
}

/** The next register number for a document the server records directly (a refund made online). */
export async function allocateNumber(db: RegisterDb, prefix: string): Promise<{ registerSeq: number; receiptNo: string }> {
  return db.transaction('rw', db.meta, async () => {
    const registerSeq = (await lastRegisterSeq(db)) + 1;
    await db.setMeta(SEQ_KEY, registerSeq);
    return { registerSeq, receiptNo: receiptNumber(prefix, registerSeq) };
  });
}

export interface NewRefund {
  /** Everything except the numbers the outbox assigns. */
  body: Omit<RefundRequest, 'registerSeq' | 'receiptNo'>;
  original: OutboxEntry;
  receiptPrefix: string;
  createdAt: string;
  cashierName: string;
  overridePin?: string | null;
}

/**
 * A cash refund of a sale in the local history, numbered and stored in one transaction (the commit
 * point: the pay-out screen appears only after it). The worker sends it after its sale.
 */
export async function recordRefund(db: RegisterDb, refund: NewRefund): Promise<RefundEntry> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const existing = await db.outbox.get(refund.body.id);
    if (existing) {
      if (existing.kind !== 'refund') throw new Error(`Outbox id ${existing.id} is a ${existing.kind}`);
      return existing;
    }
    const registerSeq = (await lastRegisterSeq(db)) + 1;
    const receiptNo = receiptNumber(refund.receiptPrefix, registerSeq);
    const total = refund.body.payments.reduce((s, p) => s + p.amount, 0);
    const entry: RefundEntry = {
      ...fresh(`refund:${refund.body.id}`, refund.createdAt, await nextQueueSeq(db)),
      kind: 'refund',
      id: refund.body.id,
      registerSeq,
      receiptNo,
      originalId: refund.original.id,
      originalReceiptNo: refund.original.receiptNo,
      body: { ...refund.body, registerSeq, receiptNo },
      overridePin: refund.overridePin ?? null,
      summary: { total, change: 0, tendered: 0, cashierName: refund.cashierName, lineCount: refund.body.lines.length },
    };
    await db.setMeta(SEQ_KEY, registerSeq);
    await db.outbox.add(entry);
    return entry;
  });
}

/** Cash in/out, stored before the slip is shown; the id is the server's idempotency key. */
export async function recordCashMovement(
  db: RegisterDb,
  m: { shiftId: string; body: CashMovementEntry['body']; createdAt: string; cashierName: string },
): Promise<CashMovementEntry> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const existing = await db.outbox.get(m.body.id);
    if (existing) {
      if (existing.kind !== 'cash_movement') throw new Error(`Outbox id ${existing.id} is a ${existing.kind}`);
      return existing;
    }
    const signed = m.body.kind === 'pay_in' ? m.body.amount : -m.body.amount;
    const entry: CashMovementEntry = {
      ...fresh(`cash:${m.body.id}`, m.createdAt, await nextQueueSeq(db)),
      kind: 'cash_movement',
      id: m.body.id,
      shiftId: m.shiftId,
      body: m.body,
      summary: { total: signed, change: 0, tendered: 0, cashierName: m.cashierName, lineCount: 0 },
    };
    await db.outbox.add(entry);
    return entry;
  });
}

/** An audit event of this register (e.g. a removed cart line), kept until the server has it. */
export async function recordAuditEvent(
  db: RegisterDb,
  e: { registerId: string; body: AuditEventEntry['body']; cashierName: string },
): Promise<AuditEventEntry> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const existing = await db.outbox.get(e.body.id);
    if (existing) {
      if (existing.kind !== 'audit') throw new Error(`Outbox id ${existing.id} is a ${existing.kind}`);
      return existing;
    }
    const entry: AuditEventEntry = {
      ...fresh(`audit:${e.body.id}`, e.body.at, await nextQueueSeq(db)),
      kind: 'audit',
      id: e.body.id,
      registerId: e.registerId,
      body: e.body,
      summary: { total: 0, change: 0, tendered: 0, cashierName: e.cashierName, lineCount: 0 },
    };
    await db.outbox.add(entry);
    return entry;
  });
}

/** This register's sales, newest first (synced or not): the local history refunds work from. */
export async function localSales(db: RegisterDb, limit = 50): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  await db.outbox
    .orderBy('registerSeq')
    .reverse()
    .until(() => out.length >= limit)
    .each((e) => {
      if (e.kind === 'sale' && e.status !== 'rejected') out.push(e);
    });
  return out;
}

/** A local sale by its receipt number (the register's own number or the server's). */
export async function localSaleByReceipt(db: RegisterDb, receiptNo: string): Promise<OutboxEntry | null> {
  const wanted = receiptNo.trim().toUpperCase();
  const all = await db.outbox.where('kind').equals('sale').toArray();
  const hit = all.find((e) => e.kind === 'sale' && (e.receiptNo.toUpperCase() === wanted || e.result?.receiptNo?.toUpperCase() === wanted));
  return hit?.kind === 'sale' ? hit : null;
}

/** Milli-units already refunded per original line id by this register's refunds of `saleId`. */
export async function locallyRefunded(db: RegisterDb, saleId: string): Promise<Map<string, number>> {
  const refunds = await db.outbox.where('kind').equals('refund').toArray();
  const out = new Map<string, number>();
  for (const r of refunds) {
    if (r.kind !== 'refund' || r.originalId !== saleId || r.status === 'rejected') continue;
    for (const l of r.body.lines) out.set(l.originalLineId, (out.get(l.originalLineId) ?? 0) + l.qty);
  }
  return out;
}
