import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { inTransaction, systemContext, type RequestContext } from '../../platform/context.js';
import type { DomainEvent } from '../../platform/events/index.js';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { applyStockMovements, stockLevel, verifyStockLevels } from './stock.repository.js';

describeEachDb('stock ledger: movements, levels, idempotency, negative-stock policy', (target) => {
  const h = useHarness(target);
  let owner: string;
  let ctx: RequestContext;
  let products: { id: string; sku: string }[];
  let shirt: { productId: string; variantId: string };

  beforeAll(async () => {
    owner = await h.login();
    ctx = { ...systemContext(h.database.db, h.clock, h.demo.orgId), events: h.events };
    products = await h.database.db.selectFrom('products').select(['id', 'sku']).where('org_id', '=', h.demo.orgId).orderBy('sku').limit(5).execute();
    const v = await h.database.db.selectFrom('variants').select(['id', 'product_id']).orderBy('sku').executeTakeFirstOrThrow();
    shirt = { productId: v.product_id, variantId: v.id };
  });

  const url = (path = '') => `/api/v1/stores/${h.demo.storeId}${path}`;

  it('keeps the level exact under 20 parallel callers × 50 movements, and a replay changes nothing', async () => {
    const productId = products[0]!.id;
    const storeId = h.demo.storeId;
    await applyStockMovements(ctx, { storeId, movements: [{ productId, variantId: null, qtyMilli: 5_000_000, kind: 'receipt', refType: 'test', refId: 'start', refLineId: '1' }] });
    const start = await stockLevel(ctx, storeId, productId, null);
    const callers = 20;
    const perCaller = 50;
    const qty = (c: number, i: number) => 1000 + ((c * 7 + i) % 13) * 250;
    await Promise.all(
      Array.from({ length: callers }, async (_, c) => {
        for (let i = 0; i < perCaller; i++) {
          await inTransaction(ctx, (tx) =>
            applyStockMovements(tx, { storeId, movements: [{ productId, variantId: null, qtyMilli: -qty(c, i), kind: 'sale', refType: 'sale', refId: `par-${c}`, refLineId: String(i) }] }),
          );
        }
      }),
    );
    let sum = 0;
    for (let c = 0; c < callers; c++) for (let i = 0; i < perCaller; i++) sum += qty(c, i);
    expect(await stockLevel(ctx, storeId, productId, null)).toBe(start - sum);

    const replay = await applyStockMovements(ctx, { storeId, movements: [{ productId, variantId: null, qtyMilli: -qty(3, 7), kind: 'sale', refType: 'sale', refId: 'par-3', refLineId: '7' }] });
    expect(replay).toEqual({ applied: 0, duplicates: 1, negative: [] });
    expect(await stockLevel(ctx, storeId, productId, null)).toBe(start - sum);
    // The same line may move stock once per kind (a sale, then its refund).
    const refund = await applyStockMovements(ctx, { storeId, movements: [{ productId, variantId: null, qtyMilli: qty(3, 7), kind: 'refund', refType: 'sale', refId: 'par-3', refLineId: '7' }] });
    expect(refund.applied).toBe(1);
    expect(await verifyStockLevels(ctx, storeId)).toEqual([]);
  });

  it('verifyStockLevels reports a level that drifted from its movements', async () => {
    const productId = products[1]!.id;
    await applyStockMovements(ctx, { storeId: h.demo.storeId, movements: [{ productId, variantId: null, qtyMilli: 3000, kind: 'receipt', refType: 'test', refId: 'drift', refLineId: '1' }] });
    await h.database.db.updateTable('stock_levels').set({ qty_milli: 9999 }).where('product_id', '=', productId).execute();
    expect(await verifyStockLevels(ctx, h.demo.storeId)).toEqual([{ productId, variantKey: '', level: 9999, movements: 3000 }]);
    await h.database.db.updateTable('stock_levels').set({ qty_milli: 3000 }).where('product_id', '=', productId).execute();
    expect(await verifyStockLevels(ctx, h.demo.storeId)).toEqual([]);
  });

  it('adjusts stock over the API idempotently, names bad fields, and lists levels and movements', async () => {
    const seen: DomainEvent[] = [];
    const off = h.events.subscribe('stock.changed', (e) => void seen.push(e));
    const id = randomUUID();
    const body = {
      id,
      lines: [
        { productId: products[2]!.id, qtyMilli: 12_000, reason: 'Delivery counted in' },
        { productId: shirt.productId, variantId: shirt.variantId, qtyMilli: -2000, reason: 'Damaged' },
      ],
    };
    const first = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id, replayed: false, lines: [{ level: 12_000 }, { level: -2000, variantId: shirt.variantId }] });
    expect(first.json().negative).toEqual([{ productId: shirt.productId, variantId: shirt.variantId, qtyMilli: -2000 }]);
    const again = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ replayed: true, lines: [{ level: 12_000 }, { level: -2000 }] });
    const reused = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body: { ...body, lines: [body.lines[0]] } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error).toMatchObject({ code: 'idempotency_key_reused', details: { field: 'body.id' } });
    await new Promise((r) => setImmediate(r));
    off();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.storeId).toBe(h.demo.storeId);

    const movementsBefore = await h.count('stock_movements');
    const unknown = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body: { id: randomUUID(), lines: [body.lines[0], { productId: randomUUID(), qtyMilli: 1, reason: 'x' }] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'unknown_product', details: { field: 'body.lines.1.productId' } });
    const badVariant = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body: { id: randomUUID(), lines: [{ productId: products[2]!.id, variantId: shirt.variantId, qtyMilli: 1, reason: 'x' }] } });
    expect(badVariant.json().error).toMatchObject({ code: 'unknown_variant', details: { field: 'body.lines.0.variantId' } });
    const zero = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body: { id: randomUUID(), lines: [{ productId: products[2]!.id, qtyMilli: 0, reason: 'x' }] } });
    expect(zero.json().error.details.fields[0].field).toBe('body.lines.0.qtyMilli');
    const fractional = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body: { id: randomUUID(), lines: [{ productId: products[2]!.id, qtyMilli: 1.5, reason: 'x' }] } });
    expect(fractional.statusCode).toBe(400);
    expect(await h.count('stock_movements')).toBe(movementsBefore);

    const levels = await h.req({ method: 'GET', url: url(`/stock?productId=${shirt.productId}`), token: owner });
    expect(levels.json().items).toEqual([expect.objectContaining({ productId: shirt.productId, variantId: shirt.variantId, qtyMilli: -2000 })]);
    const seenLevels: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { productId: string; variantId: string | null }[]; nextCursor: string | null } = (
        await h.req({ method: 'GET', url: url(`/stock?limit=1${cursor ? `&cursor=${cursor}` : ''}`), token: owner })
      ).json();
      seenLevels.push(...page.items.map((i) => `${i.productId}/${i.variantId ?? ''}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seenLevels.length).toBe(await h.count('stock_levels'));
    expect(new Set(seenLevels).size).toBe(seenLevels.length);
    const movements = await h.req({ method: 'GET', url: url(`/stock/movements?productId=${products[2]!.id}&limit=5`), token: owner });
    expect(movements.json().items[0]).toMatchObject({ kind: 'adjustment', qtyMilli: 12_000, reason: 'Delivery counted in', ref: { type: 'adjustment', id, lineId: '1' } });
    const audit = (await h.req({ method: 'GET', url: '/api/v1/audit?action=stock.adjust', token: owner })).json().items;
    expect(audit).toHaveLength(1);
  });

  it('blocks selling into negative stock when the store says so, and rolls the whole call back', async () => {
    const productId = products[3]!.id;
    const storeId = h.demo.storeId;
    const policy = await h.req({ method: 'PATCH', url: url('/stock-policy'), token: owner, body: { negativeStock: 'block' } });
    expect(policy.statusCode).toBe(200);
    expect(policy.json()).toEqual({ storeId, negativeStock: 'block' });
    await applyStockMovements(ctx, { storeId, movements: [{ productId, variantId: null, qtyMilli: 2000, kind: 'receipt', refType: 'test', refId: 'block', refLineId: '1' }] });
    const before = await h.count('stock_movements');
    const attempt = inTransaction(ctx, (tx) =>
      applyStockMovements(tx, {
        storeId,
        movements: [
          { productId: products[4]!.id, variantId: null, qtyMilli: 5000, kind: 'receipt', refType: 'test', refId: 'block-2', refLineId: '1' },
          { productId, variantId: null, qtyMilli: -3000, kind: 'sale', refType: 'sale', refId: 'block-2', refLineId: '2' },
        ],
      }),
    );
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'insufficient_stock', details: { productId, variantId: null, available: 2000 } });
    expect(await h.count('stock_movements')).toBe(before);
    expect(await stockLevel(ctx, storeId, products[4]!.id, null)).toBe(0);
    const api = await h.req({ method: 'POST', url: url('/stock/adjustments'), token: owner, body: { id: randomUUID(), lines: [{ productId, qtyMilli: -2001, reason: 'Shrinkage' }] } });
    expect(api.statusCode).toBe(409);
    expect(api.json().error).toMatchObject({ code: 'insufficient_stock', details: { available: 2000 } });
    // Exactly down to zero is fine.
    const exact = await applyStockMovements(ctx, { storeId, movements: [{ productId, variantId: null, qtyMilli: -2000, kind: 'sale', refType: 'sale', refId: 'block-3', refLineId: '1' }] });
    expect(exact).toEqual({ applied: 1, duplicates: 0, negative: [] });

    await h.req({ method: 'PATCH', url: url('/stock-policy'), token: owner, body: { negativeStock: 'allow' } });
    const allowed = await applyStockMovements(ctx, { storeId, movements: [{ productId, variantId: null, qtyMilli: -1500, kind: 'sale', refType: 'sale', refId: 'block-4', refLineId: '1' }] });
    expect(allowed).toEqual({ applied: 1, duplicates: 0, negative: [{ productId, variantId: null, qtyMilli: -1500 }] });
    const bad = await h.req({ method: 'PATCH', url: url('/stock-policy'), token: owner, body: { negativeStock: 'maybe' } });
    expect(bad.statusCode).toBe(400);
    expect(await verifyStockLevels(ctx, storeId)).toEqual([]);
  });
});
