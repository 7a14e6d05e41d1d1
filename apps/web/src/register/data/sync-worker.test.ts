import 'fake-indexeddb/auto';
import { uuidv7 } from '@opentill/core';
import { afterEach, describe, expect, it } from 'vitest';
import { needsReview, pendingCount, raiseRegisterSeq, receiptPrefix, recordSale, type NewSale } from './outbox';
import { RegisterDb, type QueueEntry } from './register-db';
import { backoffDelay, SyncWorker, type SendOutcome } from './sync-worker';

let n = 0;
const dbs: RegisterDb[] = [];
function freshDb(name = `test-${++n}-${uuidv7()}`): RegisterDb {
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

function sale(total = 450): NewSale {
  const id = uuidv7();
  return {
    receiptPrefix: 'KASSE1',
    createdAt: new Date().toISOString(),
    summary: { total, change: 50, tendered: total + 50, cashierName: 'Chris', lineCount: 1 },
    body: {
      id,
      lines: [{ id: uuidv7(), productId: uuidv7(), qty: 1000, modifierOptionIds: [], unitPrice: total }],
      coupons: [],
      customerId: null,
      payments: [{ id: uuidv7(), tender: 'cash', amount: total, tendered: total + 50 }],
      totals: { total },
      pricedAt: new Date().toISOString(),
      catalogSeq: 7,
      training: false,
    },
  };
}

/** A fake server: records what it received and answers like POST /sales (idempotent on the sale id). */
function fakeServer() {
  const stored = new Map<string, { storeSeq: number; body: QueueEntry['body'] }>();
  const calls: { id: string; key: string }[] = [];
  let mode: 'up' | 'down' | 'error500' | 'mismatch' | 'unauth' = 'up';
  const send = async (e: QueueEntry): Promise<SendOutcome> => {
    const total = e.kind === 'sale' ? e.body.totals.total : e.summary.total;
    calls.push({ id: e.id, key: e.idempotencyKey });
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (mode === 'error500') return { ok: false, error: { status: 500, code: 'internal', message: 'boom' } };
    if (mode === 'unauth') return { ok: false, error: { status: 401, code: 'unauthenticated', message: 'sign in' } };
    if (mode === 'mismatch') return { ok: false, error: { status: 409, code: 'price_mismatch', message: 'differs', details: { expected: 500, received: total } } };
    let row = stored.get(e.id);
    if (!row) stored.set(e.id, (row = { storeSeq: stored.size + 1, body: e.body }));
    return { ok: true, receipt: { storeSeq: row.storeSeq, receiptNo: 'receiptNo' in e ? e.receiptNo : null, total, priceSource: 'server', priceDifference: 0 } };
  };
  return { stored, calls, send, set: (m: typeof mode) => (mode = m) };
}

const noLock = <T,>(fn: () => Promise<T>) => fn();

describe('outbox', () => {
  it('numbers sales gap-free and continues after the highest number the server knows', async () => {
    const db = freshDb();
    const a = await recordSale(db, sale());
    const b = await recordSale(db, sale());
    expect([a.registerSeq, b.registerSeq]).toEqual([1, 2]);
    expect(b.receiptNo).toBe('KASSE1-000002');
    expect(b.body.registerSeq).toBe(2);
    // Another device of this register sold up to 41: this one continues at 42, never reuses numbers.
    await raiseRegisterSeq(db, 41);
    expect((await recordSale(db, sale())).registerSeq).toBe(42);
    // A lower server number (it has not seen our offline sales yet) changes nothing.
    await raiseRegisterSeq(db, 3);
    expect((await recordSale(db, sale())).registerSeq).toBe(43);
  });

  it('records the same sale once however often "pay" is pressed', async () => {
    const db = freshDb();
    const s = sale();
    const [x, y] = await Promise.all([recordSale(db, s), recordSale(db, s)]);
    expect(x.id).toBe(y.id);
    expect(await db.outbox.count()).toBe(1);
    expect(x.registerSeq).toBe(1);
  });

  it('makes receipt prefixes from register names', () => {
    expect(receiptPrefix('Kasse 1')).toBe('KASSE1');
    expect(receiptPrefix('Theke vorne – Süd')).toBe('THEKEVORNESUD');
    expect(receiptPrefix('!!!')).toBe('R');
  });
});

describe('sync worker', () => {
  it('survives a crash between writing and sending: a new page finds the sale and sends it once', async () => {
    const name = `crash-${uuidv7()}`;
    const before = freshDb(name);
    const written = await recordSale(before, sale());
    before.close(); // The tab dies before the worker ever ran.

    const after = freshDb(name);
    const server = fakeServer();
    const worker = new SyncWorker(after, { send: server.send, withLock: noLock });
    expect(await pendingCount(after)).toBe(1);
    expect(await worker.run()).toEqual({ sent: 1, rejected: 0, stopped: 'done' });
    expect([...server.stored.keys()]).toEqual([written.id]);
    const synced = (await after.outbox.get(written.id))!;
    expect(synced.status).toBe('synced');
    expect(synced.result).toMatchObject({ storeSeq: 1, receiptNo: 'KASSE1-000001' });
    expect(await pendingCount(after)).toBe(0);
  });

  it('replays with the same idempotency key; a duplicate answer never creates a second sale', async () => {
    const db = freshDb();
    const server = fakeServer();
    const s = await recordSale(db, sale());
    // The server stored the sale but the answer was lost: the entry is still pending locally.
    await server.send(s);
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock });
    await worker.run();
    expect(server.stored.size).toBe(1);
    expect(server.calls.map((c) => c.key)).toEqual([`sale:${s.id}`, `sale:${s.id}`]);
    expect((await db.outbox.get(s.id))!.status).toBe('synced');
  });

  it('runs single-flight: concurrent kicks send every sale exactly once, in register order', async () => {
    const db = freshDb();
    const server = fakeServer();
    for (let i = 0; i < 5; i++) await recordSale(db, sale(100 + i));
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock });
    await Promise.all([worker.run(), worker.run(), worker.run()]);
    expect(server.calls).toHaveLength(5);
    expect([...server.stored.values()].map((r) => ('registerSeq' in r.body ? r.body.registerSeq : null))).toEqual([1, 2, 3, 4, 5]);
  });

  it('backs off exponentially while the server is away and sends everything once it is back', async () => {
    const db = freshDb();
    const server = fakeServer();
    let now = 1_000_000;
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock, now: () => now, baseDelayMs: 1000, maxDelayMs: 8000, random: () => 0.5 });
    await recordSale(db, sale());
    await recordSale(db, sale());
    server.set('down');
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      expect((await worker.run()).stopped).toBe('offline');
      const due = (await worker.nextDueAt())!;
      delays.push(due - now);
      now = due; // the timer fires
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    // One request per interval for the whole queue, and none before the backoff ran out.
    expect(server.calls).toHaveLength(5);
    now -= 1;
    expect((await worker.run()).stopped).toBe('offline');
    expect(server.calls).toHaveLength(5);
    now += 1;
    server.set('error500');
    now += 100_000;
    expect((await worker.run()).stopped).toBe('offline');
    server.set('up');
    expect(await worker.run({ force: true })).toEqual({ sent: 2, rejected: 0, stopped: 'done' });
    expect(server.stored.size).toBe(2);
    expect(await pendingCount(db)).toBe(0);
  });

  it('keeps a price mismatch for a manager instead of dropping it, and carries on with the rest', async () => {
    const db = freshDb();
    const server = fakeServer();
    const first = await recordSale(db, sale(450));
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock });
    server.set('mismatch');
    expect(await worker.run()).toEqual({ sent: 0, rejected: 1, stopped: 'done' });
    server.set('up');
    await recordSale(db, sale(300));
    expect(await worker.run()).toEqual({ sent: 1, rejected: 0, stopped: 'done' });
    const kept = (await db.outbox.get(first.id))!;
    expect(kept.status).toBe('rejected');
    expect(kept.lastError).toMatchObject({ code: 'price_mismatch', details: { expected: 500, received: 450 } });
    expect((await needsReview(db)).map((e) => e.id)).toEqual([first.id]);
  });

  it('stops on an expired session without burning attempts, and resumes after sign-in', async () => {
    const db = freshDb();
    const server = fakeServer();
    const s = await recordSale(db, sale());
    const worker = new SyncWorker(db, { send: server.send, withLock: noLock });
    server.set('unauth');
    expect((await worker.run()).stopped).toBe('unauthenticated');
    expect((await db.outbox.get(s.id))!).toMatchObject({ status: 'pending', attempts: 0 });
    server.set('up');
    expect((await worker.run()).sent).toBe(1);
  });

  it('leaves the outbox to another tab that holds the lock', async () => {
    const db = freshDb();
    const server = fakeServer();
    await recordSale(db, sale());
    const worker = new SyncWorker(db, { send: server.send, withLock: async () => undefined });
    expect((await worker.run()).stopped).toBe('locked');
    expect(server.calls).toHaveLength(0);
  });

  it('caps and jitters the backoff', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(800);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1200);
    expect(backoffDelay(20, 1000, 60_000, () => 0.5)).toBe(60_000);
  });
});
