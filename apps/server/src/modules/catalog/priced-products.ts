import type { RequestContext } from '../../platform/context.js';
import type { StoreRow } from '../stores/stores.repository.js';
import type { ProductRow, VariantRow } from './product.presenter.js';
import { productsByIds } from './products.repository.js';

/**
 * The products a sale prices, with their variants and this store's prices, cached per store under the
 * organisation's catalog sequence number — the same rule as `reference-cache.ts`: every change to
 * products, variants and store prices appends to the catalog change log, so a cached entry is used
 * only while the sequence read *before* it was loaded is still current, on this server or any other.
 * A till sells the same few hundred items all day; this spares three queries per sale.
 * Never filled inside a transaction (a rolled-back change would leave data under a reused number).
 */
export interface PricedProduct {
  product: ProductRow;
  variants: VariantRow[];
  /** This store's prices by variant key ('' for the product itself). */
  prices: Map<string, number>;
}

interface StoreEntry {
  seq: number;
  products: Map<string, PricedProduct>;
}

const MAX_PRODUCTS_PER_STORE = 20_000;
const MAX_STORES = 200;
const cache = new Map<string, StoreEntry>();

/**
 * `seq` must have been read (currentSeq) before this call. Unknown ids and other organisations'
 * products are simply absent from the answer.
 */
export async function pricedProducts(ctx: RequestContext, store: StoreRow, seq: number, ids: readonly string[]): Promise<Map<string, PricedProduct>> {
  const out = new Map<string, PricedProduct>();
  let entry = cache.get(store.id);
  if (entry && entry.seq !== seq) entry = undefined;
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = entry?.products.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const loaded = await load(ctx, store, missing);
  for (const [id, p] of loaded) out.set(id, p);
  if (!ctx.db.isTransaction) {
    if (!entry) {
      if (!cache.has(store.id) && cache.size >= MAX_STORES) cache.delete(cache.keys().next().value!);
      entry = { seq, products: new Map() };
      cache.set(store.id, entry);
    }
    if (entry.products.size + loaded.size > MAX_PRODUCTS_PER_STORE) entry.products.clear();
    for (const [id, p] of loaded) entry.products.set(id, p);
  }
  return out;
}

async function load(ctx: RequestContext, store: StoreRow, ids: string[]): Promise<Map<string, PricedProduct>> {
  const out = new Map<string, PricedProduct>();
  for (const product of await productsByIds(ctx, ids)) out.set(product.id, { product, variants: [], prices: new Map() });
  const found = [...out.keys()];
  if (found.length === 0) return out;
  for (const v of await ctx.db.selectFrom('variants').selectAll().where('product_id', 'in', found).execute()) out.get(v.product_id)!.variants.push(v);
  const prices = await ctx.db
    .selectFrom('store_prices')
    .select(['product_id', 'variant_key', 'price'])
    .where('store_id', '=', store.id)
    .where('product_id', 'in', found)
    .execute();
  for (const p of prices) out.get(p.product_id)!.prices.set(p.variant_key, p.price);
  return out;
}
