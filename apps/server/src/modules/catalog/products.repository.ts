import type { Kysely } from 'kysely';
import { startsWith } from '../../platform/db/dialect-sql.js';
import type { RequestContext } from '../../platform/context.js';
import { presentProduct, type BarcodeRow, type PriceRow, type ProductRow, type ProductView, type VariantRow } from './product.presenter.js';

/** SQL of products and their parts (variants, barcodes, store prices, modifier links). */

export async function findProduct(ctx: RequestContext, id: string): Promise<ProductRow | undefined> {
  return ctx.db.selectFrom('products').selectAll().where('id', '=', id).where('org_id', '=', ctx.actor!.orgId).executeTakeFirst();
}

export async function findVariant(ctx: RequestContext, id: string): Promise<VariantRow | undefined> {
  return ctx.db.selectFrom('variants').selectAll().where('id', '=', id).where('org_id', '=', ctx.actor!.orgId).executeTakeFirst();
}

export async function findBarcode(ctx: RequestContext, id: string): Promise<BarcodeRow | undefined> {
  return ctx.db.selectFrom('barcodes').selectAll().where('id', '=', id).where('org_id', '=', ctx.actor!.orgId).executeTakeFirst();
}

/** SKUs are unique per organisation across products and variants. */
export async function skuOwner(ctx: RequestContext, sku: string): Promise<string | undefined> {
  const orgId = ctx.actor!.orgId;
  const p = await ctx.db.selectFrom('products').select('id').where('org_id', '=', orgId).where('sku', '=', sku).executeTakeFirst();
  if (p) return p.id;
  const v = await ctx.db.selectFrom('variants').select('id').where('org_id', '=', orgId).where('sku', '=', sku).executeTakeFirst();
  return v?.id;
}

export async function barcodeByKey(ctx: RequestContext, lookupKey: string): Promise<BarcodeRow | undefined> {
  return ctx.db.selectFrom('barcodes').selectAll().where('org_id', '=', ctx.actor!.orgId).where('lookup_key', '=', lookupKey).executeTakeFirst();
}

// 5000 ids stay far below both databases' bind-parameter limits (SQLite 32766, PostgreSQL 65535).
function chunks<T>(items: readonly T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Loads the parts of many products in four queries (per 500 products) and presents them.
 * `storeIds`: whose prices to include (`null` = all stores of the organisation).
 */
export async function loadProductViews(ctx: RequestContext, rows: readonly ProductRow[], storeIds: readonly string[] | null): Promise<ProductView[]> {
  const variants = new Map<string, VariantRow[]>();
  const barcodes = new Map<string, BarcodeRow[]>();
  const prices = new Map<string, PriceRow[]>();
  const groups = new Map<string, string[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  for (const ids of chunks(rows.map((r) => r.id))) {
    if (ids.length === 0) continue;
    const vs = await ctx.db.selectFrom('variants').selectAll().where('product_id', 'in', ids).orderBy('sort_order').orderBy('id').execute();
    vs.forEach((v) => push(variants, v.product_id, v));
    const bs = await ctx.db.selectFrom('barcodes').selectAll().where('product_id', 'in', ids).orderBy('code').execute();
    bs.forEach((b) => push(barcodes, b.product_id, b));
    if (storeIds === null || storeIds.length > 0) {
      let pq = ctx.db.selectFrom('store_prices').selectAll().where('product_id', 'in', ids);
      if (storeIds !== null) pq = pq.where('store_id', 'in', [...storeIds]);
      (await pq.orderBy('store_id').orderBy('variant_key').execute()).forEach((p) => push(prices, p.product_id, p));
    }
    const gs = await ctx.db.selectFrom('product_modifier_groups').selectAll().where('product_id', 'in', ids).orderBy('sort_order').execute();
    gs.forEach((g) => push(groups, g.product_id, g.group_id));
  }
  return rows.map((p) =>
    presentProduct(p, {
      variants: variants.get(p.id) ?? [],
      barcodes: barcodes.get(p.id) ?? [],
      prices: prices.get(p.id) ?? [],
      modifierGroupIds: groups.get(p.id) ?? [],
    }),
  );
}


export interface SearchOptions {
  q?: string | undefined;
  categoryId?: string | undefined;
  status: 'active' | 'archived' | 'all';
  after?: { name: string; id: string } | undefined;
  limit: number;
}

/** Prefix search over name, SKU and barcode, in name order, keyset-paged. Returns limit + 1 rows at most. */
export async function searchProducts(ctx: RequestContext, opts: SearchOptions): Promise<ProductRow[]> {
  const orgId = ctx.actor!.orgId;
  let q = ctx.db.selectFrom('products').selectAll().where('org_id', '=', orgId);
  if (opts.status !== 'all') q = q.where('status', '=', opts.status);
  if (opts.categoryId) q = q.where('category_id', '=', opts.categoryId);
  if (opts.q) {
    const lower = opts.q.toLowerCase();
    const db = ctx.db as unknown as Kysely<unknown>;
    q = q.where((eb) =>
      eb.or([
        startsWith(db, 'name_search', lower),
        startsWith(db, 'sku_search', lower),
        eb('id', 'in', eb.selectFrom('barcodes').select('product_id').where('org_id', '=', orgId).where(startsWith(db, 'code', opts.q!))),
      ]),
    );
  }
  if (opts.after) {
    const a = opts.after;
    q = q.where((eb) => eb.or([eb('name_search', '>', a.name), eb.and([eb('name_search', '=', a.name), eb('id', '>', a.id)])]));
  }
  return q.orderBy('name_search').orderBy('id').limit(opts.limit + 1).execute();
}

export async function productsByIds(ctx: RequestContext, ids: readonly string[]): Promise<ProductRow[]> {
  const out: ProductRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    // By primary key only: with org_id in the WHERE clause SQLite prefers the (org_id, name) index
    // and scans the whole catalog. The organisation is checked on the rows instead.
    const rows = await ctx.db.selectFrom('products').selectAll().where('id', 'in', part).execute();
    for (const r of rows) if (r.org_id === ctx.actor!.orgId) out.push(r);
  }
  return out;
}
