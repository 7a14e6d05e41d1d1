import { uuidv7 } from '@opentill/core';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { DEMO } from './demo/seed.js';
import { verifyJournal } from './modules/journal/index.js';
import { stockLevel, verifyStockLevels } from './modules/stock/index.js';
import { systemContext } from './platform/context.js';
import {
  LOAD_SKUS,
  START_STOCK_MILLI,
  basketShapes,
  oneTo,
  saleRequest,
  seededRandom,
  soldPerProduct,
  type Basket,
  type SaleRequest,
} from './test-support/checkout-load.js';
import { useHarness } from './test-support/harness.js';
import { describeEachDb } from './test-support/test-db.js';

/**
 * Issue 4, acceptance 1: 20 registers sell concurrently — each its own register, device, cashier
 * session and shift — 200 cash sales each of the same 5 items, and 30 % of the sales are sent twice
 * with the same body and Idempotency-Key (half of them at the same moment as the original, half
 * later, as an outbox retry would). Exactly one sale per sale id may be recorded, every duplicate gets
 * the original's answer, numbering is gap-free (store 1..4000, each register 1..200), stock moves
 * exactly by what was sold and the journal chain verifies.
 */

const CLIENTS = 20;
const SALES_PER_CLIENT = 200;
const DUPLICATE_SHARE = 0.3;
const SEED = Number(process.env.CHECKOUT_LOAD_SEED ?? 20261127);

interface Client {
  registerId: string;
  token: string;
  device: string;
  shiftId: string;
}

interface Sent {
  request: SaleRequest;
  clientIndex: number;
  first?: LightMyRequestResponse;
  duplicates: LightMyRequestResponse[];
}

describeEachDb('checkout concurrency: 20 registers × 200 sales with 30 % duplicate retries', (target) => {
  const h = useHarness(target);
  let owner = '';
  const clients: Client[] = [];
  const products: { id: string; sku: string }[] = [];
  const baskets: Basket[] = [];
  let journalBefore = 0;

  const ok = (res: LightMyRequestResponse, status: number, what: string) => {
    if (res.statusCode !== status)
      throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    owner = await h.login();
    const storeId = h.demo.storeId;

    // The five items, read from the demo catalog over the API.
    for (const sku of LOAD_SKUS) {
      const page = ok(
        await h.req({
          method: 'GET',
          url: `/api/v1/catalog/products?storeId=${storeId}&q=${sku}`,
          token: owner,
        }),
        200,
        `GET /catalog/products ${sku}`,
      );
      const product = (page.items as { id: string; sku: string }[]).find((p) => p.sku === sku);
      if (!product) throw new Error(`demo product ${sku} missing`);
      products.push({ id: product.id, sku });
    }
    // Each distinct basket priced once by the server.
    for (const lines of basketShapes(products.map((p) => p.id))) {
      const quote = ok(
        await h.req({ method: 'POST', url: '/api/v1/pricing/quote', token: owner, body: { storeId, lines } }),
        200,
        'POST /pricing/quote',
      );
      baskets.push({ lines, total: quote.totals.payable as number });
    }
    // A known starting stock for each item.
    const ctx = systemContext(h.database.db, h.clock, h.demo.orgId);
    const adjustments = [];
    for (const p of products) {
      const delta = START_STOCK_MILLI - (await stockLevel(ctx, storeId, p.id, null));
      if (delta !== 0) adjustments.push({ productId: p.id, qtyMilli: delta, reason: 'checkout load start' });
    }
    if (adjustments.length) {
      ok(
        await h.req({
          method: 'POST',
          url: `/api/v1/stores/${storeId}/stock/adjustments`,
          token: owner,
          body: { id: uuidv7(), lines: adjustments },
        }),
        201,
        'stock adjustment',
      );
    }
    for (const p of products) expect(await stockLevel(ctx, storeId, p.id, null)).toBe(START_STOCK_MILLI);

    journalBefore = await h.count('journal_entries');
    // 20 registers, each paired as a device, a cashier PIN session on it and a shift opened over the API.
    for (let i = 0; i < CLIENTS; i++) {
      const reg = ok(
        await h.req({
          method: 'POST',
          url: `/api/v1/stores/${storeId}/registers`,
          token: owner,
          body: { name: `Load ${i + 1}` },
        }),
        201,
        'POST /registers',
      );
      const registerId = reg.id as string;
      const device = await h.pair(registerId);
      const login = ok(await h.pinLogin(device, DEMO.cashier.pin), 200, 'pin-login');
      const token = login.token as string;
      const shift = ok(
        await h.req({
          method: 'POST',
          url: `/api/v1/registers/${registerId}/shifts`,
          token,
          device,
          body: { id: uuidv7(), openingFloat: 10_000 },
        }),
        201,
        'open shift',
      );
      clients.push({ registerId, token, device, shiftId: shift.id as string });
    }
    expect(await h.count('sales')).toBe(0);
  });

  it(
    'records every sale exactly once, numbers gap-free, moves stock exactly and keeps the journal intact',
    { timeout: 180_000 },
    async () => {
      const startedAt = Date.now();
      const random = seededRandom(SEED + (target.dialect === 'postgres' ? 1 : 0));
      const post = (c: Client, s: SaleRequest) =>
        h.req({
          method: 'POST',
          url: '/api/v1/sales',
          token: c.token,
          device: c.device,
          headers: { 'idempotency-key': s.key },
          body: s.body,
        });

      // The plan is drawn up front (deterministic for the seed); the clients then run concurrently.
      const plans = clients.map((c, ci) =>
        oneTo(SALES_PER_CLIENT).map((seq) => {
          const roll = random();
          const mode: 'none' | 'parallel' | 'later' =
            roll < DUPLICATE_SHARE / 2 ? 'parallel' : roll < DUPLICATE_SHARE ? 'later' : 'none';
          const sent: Sent = {
            request: saleRequest(
              c.registerId,
              seq,
              `L${ci + 1}`,
              baskets[Math.floor(random() * baskets.length)]!,
            ),
            clientIndex: ci,
            duplicates: [],
          };
          return { sent, mode, laterAfter: 1 + Math.floor(random() * 15) };
        }),
      );

      async function runClient(ci: number): Promise<void> {
        const c = clients[ci]!;
        const later: { due: number; sent: Sent }[] = [];
        const flushLater = async (upTo: number) => {
          for (const item of later.filter((l) => l.due <= upTo)) {
            item.sent.duplicates.push(await post(c, item.sent.request));
            later.splice(later.indexOf(item), 1);
          }
        };
        for (const [i, step] of plans[ci]!.entries()) {
          const { sent, mode } = step;
          if (mode === 'parallel') {
            const [a, b] = await Promise.all([post(c, sent.request), post(c, sent.request)]);
            // Whichever answer was not a replay is "the original"; the other is the duplicate.
            const [first, dup] = b.headers['idempotent-replay'] === 'false' ? [b, a] : [a, b];
            sent.first = first;
            sent.duplicates.push(dup);
          } else {
            sent.first = await post(c, sent.request);
            if (mode === 'later') later.push({ due: i + step.laterAfter, sent });
          }
          await flushLater(i);
        }
        await flushLater(Number.POSITIVE_INFINITY);
      }
      await Promise.all(clients.map((_, ci) => runClient(ci)));
      const loadMs = Date.now() - startedAt;

      const all = plans.flat().map((p) => p.sent);
      const duplicateCount = all.reduce((n, s) => n + s.duplicates.length, 0);
      console.log(
        `[${target.dialect}] ${all.length} sales + ${duplicateCount} duplicates from ${CLIENTS} clients in ${loadMs} ms`,
      );
      expect(duplicateCount).toBeGreaterThan(all.length * 0.25);
      expect(duplicateCount).toBeLessThan(all.length * 0.35);

      // Every original answered 201 and was not a replay; every duplicate got the same answer as a replay.
      const badFirst = all.filter(
        (s) => s.first?.statusCode !== 201 || s.first.headers['idempotent-replay'] !== 'false',
      );
      expect(
        badFirst
          .map(
            (s) =>
              `${s.request.body.receiptNo}: ${s.first?.statusCode} ${s.first?.headers['idempotent-replay']} ${s.first?.body}`,
          )
          .slice(0, 5),
      ).toEqual([]);
      const badDup = all.flatMap((s) =>
        s.duplicates
          .filter(
            (d) =>
              d.statusCode !== s.first!.statusCode ||
              d.headers['idempotent-replay'] !== 'true' ||
              d.body !== s.first!.body,
          )
          .map(
            (d) =>
              `${s.request.body.receiptNo}: ${d.statusCode} replay=${d.headers['idempotent-replay']} ${d.body.slice(0, 200)}`,
          ),
      );
      expect(badDup.slice(0, 5)).toEqual([]);
      for (const s of all) {
        const sale = s.first!.json();
        expect(sale).toMatchObject({
          id: s.request.body.id,
          registerSeq: s.request.body.registerSeq,
          total: s.request.body.totals.total,
          sequenceIssue: null,
        });
        for (const d of s.duplicates) expect(d.json().storeSeq).toBe(sale.storeSeq);
      }

      const db = h.database.db;
      const storeId = h.demo.storeId;
      // Exactly 4000 sales: the ids sent, each once, with their lines and payments.
      const rows = await db
        .selectFrom('sales')
        .select(['id', 'register_id', 'register_seq', 'claimed_register_seq', 'store_seq', 'status'])
        .execute();
      expect(rows).toHaveLength(CLIENTS * SALES_PER_CLIENT);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(all.map((s) => s.request.body.id)));
      expect(rows.every((r) => r.status === 'completed')).toBe(true);
      expect(await h.count('sale_lines')).toBe(all.reduce((n, s) => n + s.request.body.lines.length, 0));
      expect(await h.count('sale_payments')).toBe(all.length);
      const keys = await db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('key', 'like', 'checkout-load-%')
        .execute();
      expect(keys).toHaveLength(all.length);
      // The answer the client got names the same store number that was stored.
      const storeSeqById = new Map(rows.map((r) => [r.id, Number(r.store_seq)]));
      expect(all.filter((s) => s.first!.json().storeSeq !== storeSeqById.get(s.request.body.id))).toEqual([]);

      // Store numbers 1..4000 without gaps; each register 1..200 (as claimed, none displaced).
      expect(rows.map((r) => Number(r.store_seq)).sort((a, b) => a - b)).toEqual(
        oneTo(CLIENTS * SALES_PER_CLIENT),
      );
      for (const c of clients) {
        const mine = rows.filter((r) => r.register_id === c.registerId);
        expect(mine.map((r) => Number(r.register_seq)).sort((a, b) => a - b)).toEqual(
          oneTo(SALES_PER_CLIENT),
        );
        expect(mine.every((r) => r.claimed_register_seq === r.register_seq)).toBe(true);
      }

      // Stock: start − sold for each item, levels equal the sum of their movements, one movement per line.
      const ctx = systemContext(db, h.clock, h.demo.orgId);
      const sold = soldPerProduct(all.map((s) => s.request));
      for (const p of products)
        expect({ sku: p.sku, level: await stockLevel(ctx, storeId, p.id, null) }).toEqual({
          sku: p.sku,
          level: START_STOCK_MILLI - (sold.get(p.id) ?? 0),
        });
      expect(await verifyStockLevels(ctx, storeId)).toEqual([]);
      const saleMovements = await db
        .selectFrom('stock_movements')
        .select('ref_id')
        .where('store_id', '=', storeId)
        .where('kind', '=', 'sale')
        .execute();
      expect(saleMovements).toHaveLength(all.reduce((n, s) => n + s.request.body.lines.length, 0));

      // Journal: verifies; one 'sale' entry per sale (no more, no less) plus the 20 shift openings.
      const journal = await verifyJournal(ctx, storeId);
      expect(journal).toEqual({ ok: true, entries: journalBefore + CLIENTS + all.length });
      const saleEntries = await db
        .selectFrom('journal_entries')
        .select('document_id')
        .where('store_id', '=', storeId)
        .where('type', '=', 'sale')
        .execute();
      expect(saleEntries).toHaveLength(all.length);
      expect(new Set(saleEntries.map((e) => e.document_id))).toEqual(
        new Set(all.map((s) => s.request.body.id)),
      );
      const verified = await h.req({
        method: 'GET',
        url: `/api/v1/stores/${storeId}/journal/verify`,
        token: owner,
      });
      expect(verified.json()).toEqual(journal);

      // Shift totals: each shift counted its 200 sales once, with their money.
      for (const [ci, c] of clients.entries()) {
        const totals = await db
          .selectFrom('shift_totals')
          .select(['key', 'amount', 'count'])
          .where('shift_id', '=', c.shiftId)
          .where('key', 'in', ['sales', 'tender:cash'])
          .execute();
        const money = plans[ci]!.reduce((n, p) => n + p.sent.request.body.totals.total, 0);
        expect(
          Object.fromEntries(
            totals.map((t) => [t.key, { amount: Number(t.amount), count: Number(t.count) }]),
          ),
        ).toEqual({
          sales: { amount: money, count: SALES_PER_CLIENT },
          'tender:cash': { amount: money, count: SALES_PER_CLIENT },
        });
      }
      console.log(`[${target.dialect}] load + checks in ${Date.now() - startedAt} ms`);
    },
  );
});
