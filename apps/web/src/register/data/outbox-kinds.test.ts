import 'fake-indexeddb/auto';
import { uuidv7 } from '@opentill/core';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { localSaleOf } from '../ops/local-ops';
import { refundableQty, refundTotal } from '../ops/refund-plan';
import { locallyRefunded, localSaleByReceipt, localSales, pendingCount, recordAuditEvent, recordCashMovement, recordRefund, recordSale, type NewSale } from './outbox';
import { RegisterDb, type OutboxEntry, type QueueEntry } from './register-db';
import { SyncWorker, type SendOutcome } from './sync-worker';

let n = 0;
const dbs: RegisterDb[] = [];
function freshDb(name = `kinds-${++n}-${uuidv7()}`): RegisterDb {
  const db = new RegisterDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const lineId = () => uuidv7();

/** A cash sale of 3 × a 1000-cent line and 1 × a 250-cent line (priced lines kept for refunds). */
function sale(): NewSale {
  const a = lineId();
  const b = lineId();
  return {
    receiptPrefix: 'KASSE1',
    createdAt: new Date().toISOString(),
    summary: {
      total: 1250,
      change: 0,
      tendered: 1250,
      cashierName: 'Chris',
      lineCount: 2,
      lines: [
        { id: a, productId: uuidv7(), name: 'Tee', qty: 3000, total: 1000 },
        { id: b, productId: uuidv7(), name: 'Keks', qty: 1000, total: 250 },
      ],
    },
    body: {
      id: uuidv7(),
      lines: [
        { id: a, productId: uuidv7(), qty: 3000, modifierOptionIds: [] },
        { id: b, productId: uuidv7(), qty: 1000, modifierOptionIds: [] },
      ],
      coupons: [],
      customerId: null,
      payments: [{ id: uuidv7(), tender: 'cash', amount: 1250, tendered: 1250 }],
      totals: { total: 1250 },
      pricedAt: new Date().toISOString(),
      catalogSeq: 1,
      training: false,
    },
  };
}

async function refundOf(db: RegisterDb, original: OutboxEntry, pick: Record<string, number>) {
  const local = localSaleOf(original, await locallyRefunded(db, original.id));
  const total = refundTotal(local, pick);
  return recordRefund(db, {
    original,
    receiptPrefix: 'KASSE1',
    createdAt: new Date().toISOString(),
    cashierName: 'Chris',
    body: {
      id: uuidv7(),
      lines: Object.entries(pick).map(([originalLineId, qty]) => ({ id: uuidv7(), originalLineId, qty })),
      payments: [{ id: uuidv7(), tender: 'cash', amount: -total }],
    },
  });
}

const cashIn = (shiftId: string, amount = 5000) =>
  ({ shiftId, createdAt: new Date().toISOString(), cashierName: 'Chris', body: { id: uuidv7(), kind: 'pay_in' as const, amount, reason: 'Wechselgeld' } });

/** A fake server with the real endpoints' rules: idempotent by id, a refund needs its sale first. */
function fakeServer() {
  const sales = new Set<string>();
  const refunds = new Map<string, string>();
  const movements = new Map<string, number>();
  const events = new Set<string>();
  const calls: string[] = [];
  let mode: 'up' | 'down' | 'rejectSales' | 'loseAnswer' = 'up';
  const send = async (e: QueueEntry): Promise<SendOutcome> => {
    calls.push(`${e.kind}:${e.id}`);
    if (mode === 'down') throw new TypeError('Failed to fetch');
    const ok: SendOutcome = { ok: true, receipt: { storeSeq: null, receiptNo: null, total: e.summary.total, priceSource: null, priceDifference: 0 } };
    switch (e.kind) {
      case 'sale':
        if (mode === 'rejectSales') return { ok: false, error: { status: 409, code: 'shift_closed', message: 'closed' } };
        sales.add(e.id);
        return ok;
      case 'refund':
        if (!sales.has(e.originalId)) return { ok: false, error: { status: 404, code: 'not_found', message: 'Sale not found' } };
        refunds.set(e.id, e.originalId);
        return ok;
      case 'cash_movement':
        movements.set(e.body.id, e.body.amount);
        // The answer gets lost on the way back: the worker must send it again, the server keeps one.
        if (mode === 'loseAnswer') {
          mode = 'up';
          throw new TypeError('Failed to fetch');
        }
        return ok;
      case 'audit':
        events.add(e.body.id);
        return ok;
    }
  };
  return { sales, refunds, movements, events, calls, send, set: (m: typeof mode) => (mode = m) };
}

const noLock = <T,>(fn: () => Promise<T>) => fn();

describe('outbox kinds: refunds, cash movements and audit events queue with the sales', () => {
  it('sends everything in the order it happened, a refund only after its sale, once each', async () => {
    const db = freshDb();
    const server = fakeServer();
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock, baseDelayMs: 1 });
    const shiftId = uuidv7();
    server.set('down');
    const s1 = await recordSale(db, sale());
    const cash = await recordCashMovement(db, cashIn(shiftId));
    const refund = await refundOf(db, s1, { [s1.summary.lines![0]!.id]: 1000 });
    const audit = await recordAuditEvent(db, { registerId: uuidv7(), cashierName: 'Chris', body: { id: uuidv7(), type: 'cart.line_removed', at: new Date().toISOString(), payload: { qty: 1000 } } });
    const s2 = await recordSale(db, sale());
    // Closing the shift / signing out waits for all of them, not only for sales.
    expect(await pendingCount(db)).toBe(5);
    // Refunds take the next register number, like sales: gap-free across both.
    expect([s1.registerSeq, refund.registerSeq, s2.registerSeq]).toEqual([1, 2, 3]);
    expect(refund.receiptNo).toBe('KASSE1-000002');
    expect(refund.summary.total).toBe(-333);

    expect((await worker.run()).stopped).toBe('offline');
    expect(server.calls).toEqual([`sale:${s1.id}`]);
    server.set('up');
    server.calls.length = 0;
    expect(await worker.run({ force: true })).toMatchObject({ sent: 5, rejected: 0, stopped: 'done' });
    expect(server.calls).toEqual([`sale:${s1.id}`, `cash_movement:${cash.id}`, `refund:${refund.id}`, `audit:${audit.id}`, `sale:${s2.id}`]);
    expect(server.refunds.get(refund.id)).toBe(s1.id);
    expect(await pendingCount(db)).toBe(0);
    // Nothing is sent twice.
    await worker.run({ force: true });
    expect(server.calls).toHaveLength(5);
  });

  it('replays a cash movement whose answer was lost with the same id: the server keeps one', async () => {
    const db = freshDb();
    const server = fakeServer();
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock, baseDelayMs: 1 });
    const m = cashIn(uuidv7(), 2500);
    const a = await recordCashMovement(db, m);
    // A double tap stores it once.
    const b = await recordCashMovement(db, m);
    expect(b.id).toBe(a.id);
    expect(await db.outbox.count()).toBe(1);
    server.set('loseAnswer');
    expect((await worker.run()).stopped).toBe('offline');
    expect((await db.outbox.get(a.id))!.status).toBe('pending');
    expect((await worker.run({ force: true })).sent).toBe(1);
    expect(server.calls).toEqual([`cash_movement:${a.id}`, `cash_movement:${a.id}`]);
    expect([...server.movements]).toEqual([[a.id, 2500]]);
    expect((await db.outbox.get(a.id))!).toMatchObject({ status: 'synced', idempotencyKey: `cash:${a.id}`, summary: { total: 2500 } });
  });

  it('never sends a refund whose sale the server refused; a manager sees both', async () => {
    const db = freshDb();
    const server = fakeServer();
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock });
    const s1 = await recordSale(db, sale());
    const refund = await refundOf(db, s1, { [s1.summary.lines![1]!.id]: 1000 });
    server.set('rejectSales');
    expect(await worker.run()).toMatchObject({ sent: 0, rejected: 2 });
    expect(server.calls).toEqual([`sale:${s1.id}`]);
    expect((await db.outbox.get(refund.id))!).toMatchObject({ status: 'rejected', lastError: { code: 'original_not_synced' } });
  });

  it('refunds from the local history no more than was sold, prorated like the server', async () => {
    const db = freshDb();
    const s1 = await recordSale(db, sale());
    const tea = s1.summary.lines![0]!.id;
    await refundOf(db, s1, { [tea]: 1000 });
    await refundOf(db, s1, { [tea]: 1000 });
    const now = localSaleOf(s1, await locallyRefunded(db, s1.id));
    expect(refundableQty(now.lines[0]!)).toBe(1000);
    // Cumulative proration as on the server: 333 + 334 + 333 = the line's 1000 exactly.
    const refunds = (await db.outbox.where('kind').equals('refund').toArray()).map((r) => r.summary.total);
    expect(refunds).toEqual([-333, -334]);
    expect(refundTotal(now, { [tea]: 1000 })).toBe(333);
    // Nothing more than was sold.
    expect(refundableQty(localSaleOf(s1, new Map([[tea, 3000]])).lines[0]!)).toBe(0);
    // Found by its receipt number and in the recent list; refunds are not sales to refund.
    expect((await localSaleByReceipt(db, 'kasse1-000001'))?.id).toBe(s1.id);
    expect((await localSales(db)).map((e) => e.id)).toEqual([s1.id]);
  });

  it('upgrades a version-1 outbox: old sales keep their order and are sent before new entries', async () => {
    const name = `kinds-legacy-${uuidv7()}`;
    const legacy = new Dexie(name);
    legacy.version(1).stores({ meta: 'key', snapshotChunks: 'n', products: 'id', deletedProducts: 'id', categories: 'id', taxClasses: 'id', modifierGroups: 'id', promotions: 'id', outbox: 'id, &registerSeq, status, createdAt', parked: 'id, parkedAt' });
    const old = sale();
    const oldEntry = { id: old.body.id, registerSeq: 7, receiptNo: 'KASSE1-000007', idempotencyKey: `sale:${old.body.id}`, createdAt: old.createdAt, body: { ...old.body, registerSeq: 7, receiptNo: 'KASSE1-000007' }, status: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null, result: null, syncedAt: null, reviewedAt: null, reviewedBy: null, summary: old.summary, mode: 'sale', overridePin: null };
    await legacy.table('outbox').add(oldEntry);
    await legacy.table('meta').put({ key: 'registerSeq', value: 7 });
    legacy.close();

    const db = freshDb(name);
    const upgraded = (await db.outbox.get(old.body.id))!;
    expect(upgraded).toMatchObject({ kind: 'sale', seq: 7, registerSeq: 7 });
    const cash = await recordCashMovement(db, cashIn(uuidv7()));
    expect(cash.seq).toBe(8);
    const server = fakeServer();
    await new SyncWorker(db, { send: server.send, withLock: noLock }).run();
    expect(server.calls).toEqual([`sale:${old.body.id}`, `cash_movement:${cash.id}`]);
  });
});
