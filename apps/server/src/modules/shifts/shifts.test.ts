import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { inTransaction, systemContext, type RequestContext } from '../../platform/context.js';
import type { DomainEvent } from '../../platform/events/index.js';
import { useHarness } from '../../test-support/harness.js';
import { must, uniqueName } from '../../test-support/matrix-fixtures.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { verifyJournal } from '../journal/index.js';
import { addShiftTotals } from './shift-totals.js';
import { requireOpenShift } from './shifts.repository.js';

describeEachDb('shifts: open, cash movements, X and Z reports, close', (target) => {
  const h = useHarness(target);
  let owner: string;
  let ctx: RequestContext;

  beforeAll(async () => {
    owner = await h.login();
    ctx = systemContext(h.database.db, h.clock, h.demo.orgId);
  });

  async function newRegister(): Promise<string> {
    const res = await h.req({ method: 'POST', url: `/api/v1/stores/${h.demo.storeId}/registers`, token: owner, body: { name: uniqueName('Shift') } });
    must(res, 201, 'POST /stores/:id/registers');
    return res.json().id as string;
  }
  const open = (registerId: string, body: object, token = owner) => h.req({ method: 'POST', url: `/api/v1/registers/${registerId}/shifts`, token, body });
  const cash = (shiftId: string, body: object) => h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/cash-movements`, token: owner, body });

  it('runs a shift from opening float to Z report, journaled, audited and announced', async () => {
    const events: DomainEvent[] = [];
    const off = h.events.subscribe('*', (e) => void events.push(e));
    const registerId = await newRegister();
    const shiftId = randomUUID();
    const opened = await open(registerId, { id: shiftId, openingFloat: 15_000 });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ id: shiftId, registerId, status: 'open', openingFloat: 15_000, zNumber: null, openedBy: { name: 'Olivia Owner' } });
    expect((await open(registerId, { id: shiftId, openingFloat: 15_000 })).statusCode).toBe(200);
    const second = await open(registerId, { id: randomUUID(), openingFloat: 0 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('shift_already_open');
    const current = await h.req({ method: 'GET', url: `/api/v1/registers/${registerId}/shifts/current`, token: owner });
    expect(current.json()).toMatchObject({ shift: { id: shiftId }, lastClosed: null });
    expect((await inTransaction(ctx, (tx) => requireOpenShift(tx, registerId))).id).toBe(shiftId);

    const payIn = { id: randomUUID(), kind: 'pay_in', amount: 5000, reason: 'Wechselgeld' };
    expect((await cash(shiftId, payIn)).statusCode).toBe(201);
    expect((await cash(shiftId, payIn)).statusCode).toBe(200);
    const reused = await cash(shiftId, { ...payIn, amount: 5001 });
    expect(reused.json().error).toMatchObject({ code: 'idempotency_key_reused', details: { field: 'body.id' } });
    for (const [kind, amount, reason] of [['pay_out', 1200, 'Putzmittel'], ['bank_deposit', 20_000, 'Bank'], ['tip_out', 300, 'Trinkgeld Team'], ['pay_out', 800, 'Putzmittel']] as const) {
      expect((await cash(shiftId, { id: randomUUID(), kind, amount, reason })).statusCode).toBe(201);
    }
    const zero = await cash(shiftId, { id: randomUUID(), kind: 'pay_in', amount: 0, reason: 'x' });
    expect(zero.json().error.details.fields[0].field).toBe('body.amount');

    // What the sales engine adds per completed sale (two cash sales, one card sale, one cash refund).
    await inTransaction(ctx, (tx) =>
      addShiftTotals(tx, shiftId, [
        { key: 'sales', amount: 2350 },
        { key: 'tender:cash', amount: 3000 },
        { key: 'change', amount: 650 },
        { key: 'tax:700:gross', amount: 2350 },
        { key: 'tax:700:net', amount: 2196 },
        { key: 'tax:700:tax', amount: 154 },
        { key: 'cashier:u1', amount: 2350 },
      ]),
    );
    await inTransaction(ctx, (tx) =>
      addShiftTotals(tx, shiftId, [
        { key: 'sales', amount: 4990 },
        { key: 'tender:card', amount: 4990 },
        { key: 'discounts', amount: 500 },
        { key: 'tax:1900:gross', amount: 4990 },
        { key: 'tax:1900:net', amount: 4193 },
        { key: 'tax:1900:tax', amount: 797 },
        { key: 'cashier:u2', amount: 4990 },
        { key: 'refunds', amount: -1000 },
        { key: 'tender:cash', amount: -1000 },
        { key: 'tender:cash', amount: 1200, count: 1 },
        { key: 'change', amount: 0, count: 0 },
      ]),
    );
    const expectedCash = 15_000 + (3000 - 1000 + 1200) - 650 + 5000 - 2000 - 20_000 - 300;
    const x = await h.req({ method: 'GET', url: `/api/v1/shifts/${shiftId}/x-report`, token: owner });
    expect(x.statusCode).toBe(200);
    expect(x.json()).toMatchObject({
      kind: 'X',
      status: 'open',
      zNumber: null,
      expectedCash,
      sales: { count: 2, amount: 7340 },
      refunds: { count: 1, amount: -1000 },
      discounts: { count: 1, amount: 500 },
      tenders: [{ tender: 'card', count: 1, amount: 4990 }, { tender: 'cash', count: 3, amount: 3200 }],
      taxes: [{ rateBp: 700, gross: 2350, net: 2196, tax: 154 }, { rateBp: 1900, gross: 4990, net: 4193, tax: 797 }],
      cashiers: [{ userId: 'u1', amount: 2350 }, { userId: 'u2', amount: 4990 }],
      cash: { payIn: { count: 1, amount: 5000 }, payOut: { count: 2, amount: 2000 }, bankDeposit: { amount: 20_000 }, tipOut: { amount: 300 }, outByReason: expect.arrayContaining([{ reason: 'Putzmittel', count: 2, amount: 2000 }]) },
    });
    expect(await h.req({ method: 'GET', url: `/api/v1/shifts/${shiftId}/z-report`, token: owner }).then((r) => r.json().error.code)).toBe('shift_open');

    const neither = await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: {} });
    expect(neither.statusCode).toBe(400);
    const mismatch = await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: { countedDenominations: { '5000': 1 }, countedCash: 1 } });
    expect(mismatch.json().error).toMatchObject({ code: 'counted_cash_mismatch', details: { field: 'body.countedCash' } });
    const badKey = await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: { countedDenominations: { '0.5': 1 } } });
    expect(badKey.statusCode).toBe(400);

    // Count: 1×50 €, 3×20 € … → a total we compare against the expected cash.
    const denominations = { '5000': 0, '2000': 0, '1000': 0, '500': 0, '200': 1, '100': 0, '50': 1, '1': 0 };
    const counted = 250;
    const close = await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: { countedDenominations: denominations } });
    expect(close.statusCode).toBe(200);
    const z = close.json();
    expect(z).toMatchObject({ kind: 'Z', status: 'closed', zNumber: 1, expectedCash, countedCash: counted, overShort: counted - expectedCash, closedBy: { name: 'Olivia Owner' } });
    expect(z.countedDenominations).toEqual(denominations);
    // Idempotent: closing again returns the same Z report, and the stored one matches.
    const again = await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: { countedCash: 999_999 } });
    expect(again.json()).toEqual(z);
    expect((await h.req({ method: 'GET', url: `/api/v1/shifts/${shiftId}/z-report`, token: owner })).json()).toEqual(z);

    const after = await cash(shiftId, { id: randomUUID(), kind: 'pay_in', amount: 100, reason: 'late' });
    expect(after.json().error.code).toBe('shift_closed');
    await expect(inTransaction(ctx, (tx) => requireOpenShift(tx, registerId))).rejects.toMatchObject({ code: 'shift_closed', details: { registerId } });
    expect((await h.req({ method: 'GET', url: `/api/v1/registers/${registerId}/shifts/current`, token: owner })).json()).toMatchObject({ shift: null, lastClosed: { id: shiftId, zNumber: 1 } });

    // The next shift on the register gets Z number 2.
    const next = randomUUID();
    expect((await open(registerId, { id: next, openingFloat: 0 })).statusCode).toBe(201);
    expect((await h.req({ method: 'POST', url: `/api/v1/shifts/${next}/close`, token: owner, body: { countedCash: 0 } })).json()).toMatchObject({ zNumber: 2, overShort: 0 });

    const journal = await h.database.db.selectFrom('journal_entries').select(['type', 'shift_id']).where('register_id', '=', registerId).orderBy('seq').execute();
    expect(journal.map((j) => j.type)).toEqual(['shift_open', 'cash_in', 'cash_out', 'cash_out', 'cash_out', 'cash_out', 'shift_close', 'shift_open', 'shift_close']);
    expect(await verifyJournal(ctx, h.demo.storeId)).toMatchObject({ ok: true });
    const audit = (await h.req({ method: 'GET', url: '/api/v1/audit?action=shift.close', token: owner })).json().items;
    expect(audit[audit.length - 1]).toMatchObject({ registerId, after: { zNumber: 1, expectedCash, countedCash: counted } });
    await new Promise((r) => setImmediate(r));
    off();
    expect(events.filter((e) => e.type.startsWith('shift.') || e.type === 'cash.moved').map((e) => e.type)).toEqual([
      'shift.opened',
      'cash.moved',
      'cash.moved',
      'cash.moved',
      'cash.moved',
      'cash.moved',
      'shift.closed',
      'shift.opened',
      'shift.closed',
    ]);
  });

  it('lets exactly one of many concurrent opens win, and one of many concurrent closes allocate the Z number', async () => {
    const registerId = await newRegister();
    const results = await Promise.all(Array.from({ length: 8 }, () => open(registerId, { id: randomUUID(), openingFloat: 1000 })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const shiftId = results.find((r) => r.statusCode === 201)!.json().id as string;
    const closes = await Promise.all(Array.from({ length: 5 }, () => h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: { countedCash: 1000 } })));
    expect(closes.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(closes.map((r) => r.json().zNumber))).toEqual(new Set([1]));
    const register = await h.database.db.selectFrom('registers').select('z_counter').where('id', '=', registerId).executeTakeFirstOrThrow();
    expect(Number(register.z_counter)).toBe(1);
  });

  it('makes a close wait for a sale still completing on the register, so the Z report includes it', async () => {
    const registerId = await newRegister();
    const shiftId = randomUUID();
    must(await open(registerId, { id: shiftId, openingFloat: 0 }), 201, 'open');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let saleInside!: () => void;
    const inside = new Promise<void>((resolve) => (saleInside = resolve));
    const sale = inTransaction(ctx, async (tx) => {
      const shift = await requireOpenShift(tx, registerId);
      saleInside();
      await held;
      await addShiftTotals(tx, shift.id, [{ key: 'sales', amount: 1234 }, { key: 'tender:cash', amount: 1234 }]);
    });
    await inside;
    const close = h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: { countedCash: 1234 } });
    await new Promise((r) => setTimeout(r, 150));
    release();
    await sale;
    const z = (await close).json();
    expect(z).toMatchObject({ zNumber: 1, sales: { count: 1, amount: 1234 }, expectedCash: 1234, overShort: 0 });
    // A sale after the close finds no open shift.
    await expect(inTransaction(ctx, (tx) => requireOpenShift(tx, registerId))).rejects.toMatchObject({ code: 'shift_closed' });
  });

  it('keeps a register session to its own register', async () => {
    const device = await h.pair(h.demo.registerIds[0]);
    const chris = (await h.pinLogin(device, '1234')).json().token as string;
    const other = await h.req({ method: 'POST', url: `/api/v1/registers/${h.demo.registerIds[1]}/shifts`, token: chris, device, body: { id: randomUUID(), openingFloat: 0 } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('register_mismatch');
    const own = await h.req({ method: 'POST', url: `/api/v1/registers/${h.demo.registerIds[0]}/shifts`, token: chris, device, body: { id: randomUUID(), openingFloat: 10_000 } });
    expect(own.statusCode).toBe(201);
    expect(own.json().openedBy.name).toBe('Chris');
    const shifts = await h.database.db.selectFrom('shifts').select('id').where('open_register_id', '=', h.demo.registerIds[1]!).execute();
    expect(shifts).toEqual([]);
  });

  it('reports a 10k-sale shift from its totals alone, correctly and fast', async () => {
    const registerId = await newRegister();
    const shiftId = randomUUID();
    must(await open(registerId, { id: shiftId, openingFloat: 20_000 }), 201, 'open');
    const cashiers = ['c1', 'c2', 'c3'];
    const expected = { sales: 0, cash: 0, card: 0, change: 0, gross7: 0, gross19: 0, perCashier: new Map<string, number>() };
    const SALES = 10_000;
    const BATCH = 500;
    for (let start = 0; start < SALES; start += BATCH) {
      // One addShiftTotals per batch of 500 sales: it merges deltas per key (amounts and counts add up).
      const deltas: { key: string; amount: number }[] = [];
      {
        for (let i = start; i < start + BATCH; i++) {
          const total = 100 + ((i * 37) % 4900);
          const byCash = i % 3 !== 0;
          const given = byCash ? Math.ceil(total / 500) * 500 : total;
          const seven = Math.floor(total / 3);
          const cashier = cashiers[i % 3]!;
          expected.sales += total;
          if (byCash) {
            expected.cash += given;
            expected.change += given - total;
          } else expected.card += total;
          expected.gross7 += seven;
          expected.gross19 += total - seven;
          expected.perCashier.set(cashier, (expected.perCashier.get(cashier) ?? 0) + total);
          deltas.push(
            { key: 'sales', amount: total },
            { key: byCash ? 'tender:cash' : 'tender:card', amount: given },
            ...(byCash ? [{ key: 'change', amount: given - total }] : []),
            { key: 'tax:700:gross', amount: seven },
            { key: 'tax:1900:gross', amount: total - seven },
            { key: `cashier:${cashier}`, amount: total },
          );
        }
      }
      await inTransaction(ctx, (tx) => addShiftTotals(tx, shiftId, deltas));
    }
    const t0 = performance.now();
    const x = await h.req({ method: 'GET', url: `/api/v1/shifts/${shiftId}/x-report`, token: owner });
    const xMs = performance.now() - t0;
    expect(x.json()).toMatchObject({
      sales: { count: SALES, amount: expected.sales },
      tenders: [
        { tender: 'card', count: Math.ceil(SALES / 3), amount: expected.card },
        { tender: 'cash', count: SALES - Math.ceil(SALES / 3), amount: expected.cash },
      ],
      change: expected.change,
      expectedCash: 20_000 + expected.cash - expected.change,
      cashiers: cashiers.map((c) => ({ userId: c, amount: expected.perCashier.get(c) })),
    });
    expect(x.json().taxes.map((t: { gross: number }) => t.gross)).toEqual([expected.gross7, expected.gross19]);
    const t1 = performance.now();
    const z = await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: owner, body: { countedCash: 20_000 + expected.cash - expected.change } });
    const zMs = performance.now() - t1;
    expect(z.json()).toMatchObject({ zNumber: 1, overShort: 0, sales: { count: SALES, amount: expected.sales } });
    expect(xMs).toBeLessThan(200);
    expect(zMs).toBeLessThan(200);
  });
});
