import { uuidv7 } from '@opentill/core';
import { sql } from 'kysely';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { NegativeStockPolicy, StockMovementKind } from '../../platform/db/schema.js';
import { conflict, notFound } from '../../platform/errors.js';
import { domainEvent, publishAfterCommit } from '../../platform/events/index.js';
import { insertRows } from '../../platform/db/insert-rows.js';

export type { StockMovementKind };

export interface StockMovementInput {
  productId: string;
  variantId: string | null;
  /** Signed delta in milli-units: negative takes stock out (a sale), positive puts it back. */
  qtyMilli: number;
  kind: StockMovementKind;
  /** The document and line that cause the movement; (refType, refId, refLineId, kind) is unique. */
  refType: string;
  refId: string;
  refLineId: string;
  /** Free text for adjustments (shrinkage, breakage, …); '' for documents. */
  reason?: string;
}

export interface ApplyStockResult {
  applied: number;
  duplicates: number;
  /** Levels that are below zero after this call (policy `allow`); `qtyMilli` is the new level. */
  negative: { productId: string; variantId: string | null; qtyMilli: number }[];
}

const variantKey = (variantId: string | null) => variantId ?? '';

export async function negativeStockPolicy(ctx: RequestContext, storeId: string): Promise<NegativeStockPolicy> {
  const store = await ctx.db.selectFrom('stores').select('negative_stock_policy').where('id', '=', storeId).executeTakeFirst();
  if (!store) throw notFound('Store');
  return store.negative_stock_policy;
}

/**
 * Records stock movements and moves the levels, inside the caller's transaction, in two statements
 * whatever the number of lines. Movements are inserted with ON CONFLICT DO NOTHING on their
 * document-line key, RETURNING only the rows really inserted: a replay is counted as a duplicate and
 * not applied again. Levels change with one atomic multi-row upsert (`qty = qty + delta` in SQL, never
 * read-modify-write in JS), so sales from many registers never lose an update; its rows are in
 * (product, variant) order, so two transactions lock levels in the same order (no deadlocks). With the
 * store policy `block`, a level taken below zero throws `409 insufficient_stock` and the caller's
 * transaction rolls back. `policy` may be passed by a caller that already holds the store row.
 */
export async function applyStockMovements(
  tx: RequestContext,
  input: { storeId: string; movements: StockMovementInput[]; policy?: NegativeStockPolicy },
): Promise<ApplyStockResult> {
  if (!tx.db.isTransaction) return inTransaction(tx, (t) => applyStockMovements(t, input));
  const result: ApplyStockResult = { applied: 0, duplicates: 0, negative: [] };
  if (input.movements.length === 0) return result;
  const policy = input.policy ?? (await negativeStockPolicy(tx, input.storeId));
  const now = iso(tx.clock.now());
  const byKey = (a: { productId: string; variantId: string | null }, b: { productId: string; variantId: string | null }) =>
    a.productId === b.productId ? variantKey(a.variantId).localeCompare(variantKey(b.variantId)) : a.productId < b.productId ? -1 : 1;
  const ordered = [...input.movements].sort(byKey);
  for (const m of ordered) {
    if (!Number.isSafeInteger(m.qtyMilli)) throw new Error(`stock movement qtyMilli must be an integer, got ${m.qtyMilli}`);
  }
  const inserted = await insertRows(
    tx.db,
    'stock_movements',
    ordered.map((m) => ({
        id: uuidv7(tx.clock.now().getTime()),
        store_id: input.storeId,
        product_id: m.productId,
        variant_id: m.variantId,
        variant_key: variantKey(m.variantId),
        kind: m.kind,
        qty_milli: m.qtyMilli,
        ref_type: m.refType,
        ref_id: m.refId,
        ref_line_id: m.refLineId,
        reason: m.reason ?? '',
        user_id: tx.actor?.userId ?? null,
      created_at: now,
    })),
    {
      name: 'once-per-line',
      build: (qb) =>
        qb.onConflict((oc) => oc.columns(['ref_type', 'ref_id', 'ref_line_id', 'kind']).doNothing()).returning(['product_id', 'variant_id', 'qty_milli']),
    },
  );
  result.applied = inserted.length;
  result.duplicates = ordered.length - inserted.length;
  if (inserted.length === 0) return result;

  // One row per level: PostgreSQL refuses an upsert that touches the same row twice.
  const deltas = new Map<string, { productId: string; variantId: string | null; delta: number; decreased: boolean }>();
  for (const m of inserted) {
    const key = `${m.product_id}/${variantKey(m.variant_id)}`;
    const d = deltas.get(key) ?? { productId: m.product_id, variantId: m.variant_id, delta: 0, decreased: false };
    d.delta += Number(m.qty_milli);
    d.decreased ||= Number(m.qty_milli) < 0;
    deltas.set(key, d);
  }
  const rows = [...deltas.values()].sort(byKey);
  const updated = await insertRows(
    tx.db,
    'stock_levels',
    rows.map((d) => ({ store_id: input.storeId, product_id: d.productId, variant_key: variantKey(d.variantId), qty_milli: d.delta, updated_at: now })),
    {
      name: 'add-delta',
      build: (qb) =>
        qb
          .onConflict((oc) =>
            oc.columns(['store_id', 'product_id', 'variant_key']).doUpdateSet((eb) => ({
              qty_milli: eb('stock_levels.qty_milli', '+', eb.ref('excluded.qty_milli')),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .returning(['product_id', 'variant_key', 'qty_milli']),
    },
  );
  const levels = new Map<string, { productId: string; variantId: string | null; qtyMilli: number }>();
  for (const l of updated) {
    const d = deltas.get(`${l.product_id}/${l.variant_key}`)!;
    const qty = Number(l.qty_milli);
    if (d.decreased && d.delta < 0 && qty < 0 && policy === 'block') {
      throw conflict('insufficient_stock', 'Not enough stock for this movement', {
        productId: d.productId,
        variantId: d.variantId,
        available: qty - d.delta,
      });
    }
    levels.set(`${d.productId}/${variantKey(d.variantId)}`, { productId: d.productId, variantId: d.variantId, qtyMilli: qty });
  }
  const levelList = rows.map((d) => levels.get(`${d.productId}/${variantKey(d.variantId)}`)!);
  result.negative = levelList.filter((l) => l.qtyMilli < 0);
  publishAfterCommit(tx, domainEvent(tx, 'stock.changed', input.storeId, { levels: levelList }));
  return result;
}

export interface StockMismatch {
  productId: string;
  variantKey: string;
  /** The stored level (null when there is no level row). */
  level: number | null;
  /** The sum of the movements (0 when there are none). */
  movements: number;
}

/** Every level of the store that differs from the sum of its movements (empty when consistent). */
export async function verifyStockLevels(ctx: RequestContext, storeId: string): Promise<StockMismatch[]> {
  const sums = await ctx.db
    .selectFrom('stock_movements')
    .select(['product_id', 'variant_key', sql<number>`cast(sum(qty_milli) as bigint)`.as('total')])
    .where('store_id', '=', storeId)
    .groupBy(['product_id', 'variant_key'])
    .execute();
  const levels = await ctx.db.selectFrom('stock_levels').select(['product_id', 'variant_key', 'qty_milli']).where('store_id', '=', storeId).execute();
  const byKey = new Map<string, StockMismatch>();
  for (const s of sums) byKey.set(`${s.product_id}/${s.variant_key}`, { productId: s.product_id, variantKey: s.variant_key, level: null, movements: Number(s.total) });
  for (const l of levels) {
    const key = `${l.product_id}/${l.variant_key}`;
    const entry = byKey.get(key) ?? { productId: l.product_id, variantKey: l.variant_key, level: null, movements: 0 };
    entry.level = Number(l.qty_milli);
    byKey.set(key, entry);
  }
  return [...byKey.values()].filter((e) => e.level !== e.movements);
}

export async function stockLevel(ctx: RequestContext, storeId: string, productId: string, variantId: string | null): Promise<number> {
  const row = await ctx.db
    .selectFrom('stock_levels')
    .select('qty_milli')
    .where('store_id', '=', storeId)
    .where('product_id', '=', productId)
    .where('variant_key', '=', variantKey(variantId))
    .executeTakeFirst();
  return row ? Number(row.qty_milli) : 0;
}

/** Keyset pages by (product, variant); the cursor is "productId~variantKey" of the last row. */
export async function listStockLevels(ctx: RequestContext, f: { storeId: string; productId?: string | undefined; cursor?: string | undefined; limit: number }) {
  let q = ctx.db
    .selectFrom('stock_levels')
    .innerJoin('products', 'products.id', 'stock_levels.product_id')
    .select(['stock_levels.product_id', 'stock_levels.variant_key', 'stock_levels.qty_milli', 'stock_levels.updated_at', 'products.sku', 'products.name'])
    .where('stock_levels.store_id', '=', f.storeId)
    .where('products.org_id', '=', ctx.actor!.orgId);
  if (f.productId) q = q.where('stock_levels.product_id', '=', f.productId);
  if (f.cursor) {
    const [p, v = ''] = f.cursor.split('~') as [string, string?];
    q = q.where((eb) =>
      eb.or([eb('stock_levels.product_id', '>', p), eb.and([eb('stock_levels.product_id', '=', p), eb('stock_levels.variant_key', '>', v)])]),
    );
  }
  const rows = await q.orderBy('stock_levels.product_id').orderBy('stock_levels.variant_key').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      productId: r.product_id,
      variantId: r.variant_key || null,
      sku: r.sku,
      name: r.name,
      qtyMilli: Number(r.qty_milli),
      updatedAt: r.updated_at,
    })),
    nextCursor: rows.length > f.limit && last ? `${last.product_id}~${last.variant_key}` : null,
  };
}

/** Newest first; the cursor is the last movement id seen (ids are time-ordered UUIDv7). */
export async function listStockMovements(ctx: RequestContext, f: { storeId: string; productId?: string | undefined; cursor?: string | undefined; limit: number }) {
  let q = ctx.db.selectFrom('stock_movements').selectAll().where('store_id', '=', f.storeId);
  if (f.productId) q = q.where('product_id', '=', f.productId);
  if (f.cursor) q = q.where('id', '<', f.cursor);
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      productId: r.product_id,
      variantId: r.variant_id,
      kind: r.kind,
      qtyMilli: Number(r.qty_milli),
      ref: { type: r.ref_type, id: r.ref_id, lineId: r.ref_line_id },
      reason: r.reason,
      userId: r.user_id,
      createdAt: r.created_at,
    })),
    nextCursor: rows.length > f.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function adjustmentMovements(ctx: RequestContext, adjustmentId: string) {
  return ctx.db
    .selectFrom('stock_movements')
    .selectAll()
    .where('ref_type', '=', 'adjustment')
    .where('ref_id', '=', adjustmentId)
    .where('kind', '=', 'adjustment')
    .orderBy('ref_line_id')
    .execute();
}
