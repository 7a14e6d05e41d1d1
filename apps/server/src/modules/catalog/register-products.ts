import type { RequestContext } from '../../platform/context.js';
import { presentVariant } from './product.presenter.js';

/**
 * The register's projection of a product, as the snapshot and the change feed deliver it. Slimmer than
 * the back office's ProductView because a register downloads 100k of them: prices of the asked store
 * only (so no storeId/currency per price — the page says which store and currency), barcodes without
 * the owning product id, no purchase price (cashiers have no business seeing margins), no createdAt.
 */
export interface RegisterProduct {
  id: string;
  sku: string;
  name: string;
  description: string;
  categoryId: string | null;
  taxClass: string;
  unit: 'piece' | 'kg' | 'l' | 'm';
  soldByWeight: boolean;
  imageUrl: string | null;
  status: 'active' | 'archived';
  depositProductId: string | null;
  variants: ReturnType<typeof presentVariant>[];
  barcodes: { id: string; code: string; kind: string; variantId: string | null }[];
  /** `variantId` null is the product's own price. */
  prices: { variantId: string | null; price: number }[];
  modifierGroupIds: string[];
  updatedAt: string;
}

/** Which products: those changed in the catalog log in (since, until], or a page in id order. */
export type RegisterProductScope = { changedSince: number; changedUntil: number } | { after?: string | undefined; limit: number };

/**
 * Active products of the scope with their parts, in five queries. The change-feed scope selects by the
 * page's seq range (a subquery on the log's primary key) instead of binding thousands of ids, which
 * also spares Kysely compiling 5000-element IN lists; columns are only those presented.
 */
export async function loadRegisterProducts(ctx: RequestContext, storeId: string, scope: RegisterProductScope): Promise<RegisterProduct[]> {
  const orgId = ctx.actor!.orgId;
  const columns = ['id', 'org_id', 'sku', 'name', 'description', 'category_id', 'tax_class', 'unit', 'sold_by_weight', 'image_url', 'status', 'deposit_product_id', 'updated_at'] as const;
  let rows;
  let ids;
  if ('changedSince' in scope) {
    ids = ctx.db
      .selectFrom('catalog_changes')
      .select('entity_id')
      .where('org_id', '=', orgId)
      .where('seq', '>', scope.changedSince)
      .where('seq', '<=', scope.changedUntil)
      .where('entity_type', '=', 'product');
    rows = await ctx.db.selectFrom('products').select(columns).where('id', 'in', ids).where('status', '=', 'active').execute();
  } else {
    let q = ctx.db.selectFrom('products').select(columns).where('org_id', '=', orgId).where('status', '=', 'active');
    if (scope.after) q = q.where('id', '>', scope.after);
    rows = await q.orderBy('id').limit(scope.limit).execute();
    // ≤ 5000 ids: far below both databases' bind-parameter limits (SQLite 32766, PostgreSQL 65535).
    ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
  }
  const products = new Map<string, RegisterProduct>();
  for (const p of rows) {
    // The organisation is checked on the rows: with org_id in the WHERE clause SQLite would prefer
    // the (org_id, name) index over the primary key.
    if (p.org_id !== orgId) continue;
    products.set(p.id, {
      id: p.id,
      sku: p.sku,
      name: p.name,
      description: p.description,
      categoryId: p.category_id,
      taxClass: p.tax_class,
      unit: p.unit,
      soldByWeight: p.sold_by_weight === 1,
      imageUrl: p.image_url,
      status: p.status,
      depositProductId: p.deposit_product_id,
      variants: [],
      barcodes: [],
      prices: [],
      modifierGroupIds: [],
      updatedAt: p.updated_at,
    });
  }
  if (products.size === 0) return [];

  for (const v of await ctx.db.selectFrom('variants').selectAll().where('product_id', 'in', ids).orderBy('sort_order').orderBy('id').execute()) {
    products.get(v.product_id)?.variants.push(presentVariant(v));
  }
  const barcodes = await ctx.db.selectFrom('barcodes').select(['id', 'product_id', 'variant_id', 'code', 'kind']).where('product_id', 'in', ids).orderBy('code').execute();
  for (const b of barcodes) products.get(b.product_id)?.barcodes.push({ id: b.id, code: b.code, kind: b.kind, variantId: b.variant_id });
  const prices = await ctx.db
    .selectFrom('store_prices')
    .select(['product_id', 'variant_id', 'price'])
    .where('store_id', '=', storeId)
    .where('product_id', 'in', ids)
    .orderBy('variant_key')
    .execute();
  for (const p of prices) products.get(p.product_id)?.prices.push({ variantId: p.variant_id, price: p.price });
  const groups = await ctx.db.selectFrom('product_modifier_groups').select(['product_id', 'group_id']).where('product_id', 'in', ids).orderBy('sort_order').execute();
  for (const g of groups) products.get(g.product_id)?.modifierGroupIds.push(g.group_id);
  return [...products.values()];
}
