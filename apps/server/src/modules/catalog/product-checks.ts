import type { RequestContext } from '../../platform/context.js';
import type { ProductRow } from './product.presenter.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { assertStoreAccess } from '../auth/authorize.js';
import { findStore } from '../stores/stores.repository.js';
import { barcodeConfigFor, normalizeBarcode, type NormalizedBarcode } from './barcode-codes.js';
import { findCategory, unknownReference } from './categories.js';
import { barcodeByKey, findProduct, skuOwner } from './products.repository.js';

/**
 * Validation shared by the product writes. Each check names the request field; all of them run
 * before the first insert, and the write transaction rolls back anything they miss.
 */

export async function assertSkuFree(ctx: RequestContext, sku: string, field: string, self?: string): Promise<void> {
  const owner = await skuOwner(ctx, sku);
  if (owner && owner !== self) throw conflict('sku_taken', `SKU ${sku} is already used`, { field });
}

export async function assertCategory(ctx: RequestContext, id: string | null | undefined, field: string): Promise<void> {
  if (id && !(await findCategory(ctx, id))) throw unknownReference('Category', field);
}

export async function assertDepositProduct(ctx: RequestContext, id: string | null | undefined, field: string, self?: string): Promise<void> {
  if (!id) return;
  if (id === self) throw invalid('invalid_deposit', 'A product cannot be its own deposit', { field });
  const deposit = await findProduct(ctx, id);
  if (!deposit) throw unknownReference('Deposit product', field);
  if (deposit.status !== 'active') throw conflict('product_archived', 'The deposit product is archived', { field });
  if (deposit.deposit_product_id) throw invalid('invalid_deposit', 'A deposit cannot have a deposit itself', { field });
}

export async function assertModifierGroups(ctx: RequestContext, ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  if (new Set(ids).size !== ids.length) throw invalid('duplicate_modifier_group', 'A modifier group is listed twice', { field });
  const found = await ctx.db.selectFrom('modifier_groups').select('id').where('org_id', '=', ctx.actor!.orgId).where('id', 'in', [...ids]).execute();
  const known = new Set(found.map((g) => g.id));
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw unknownReference('Modifier group', `${field}.${i}`);
}

/** Barcode layout for codes entered in the back office: German rules if the organisation sells in DE. */
export async function orgBarcodeConfig(ctx: RequestContext) {
  const de = await ctx.db.selectFrom('stores').select(['country', 'currency']).where('org_id', '=', ctx.actor!.orgId).where('country', '=', 'DE').executeTakeFirst();
  return barcodeConfigFor(de ?? { country: 'XX', currency: 'EUR' }, ctx.clock.now());
}

/** Normalizes codes and refuses duplicates (in the request and in the catalog) with `barcode_taken`. */
export async function checkBarcodes(ctx: RequestContext, codes: { code: string; field: string }[], seen = new Set<string>()): Promise<NormalizedBarcode[]> {
  if (codes.length === 0) return [];
  const config = await orgBarcodeConfig(ctx);
  const out: NormalizedBarcode[] = [];
  for (const { code, field } of codes) {
    const n = normalizeBarcode(code, config, field);
    if (seen.has(n.lookupKey) || (await barcodeByKey(ctx, n.lookupKey))) {
      throw conflict('barcode_taken', `Barcode ${n.code} is already assigned`, { field });
    }
    seen.add(n.lookupKey);
    out.push(n);
  }
  return out;
}

/** A store the caller may price in; returns its currency. */
export async function priceStore(ctx: RequestContext, storeId: string, field: string): Promise<{ currency: string }> {
  const store = await findStore(ctx, storeId);
  if (!store) throw unknownReference('Store', field);
  assertStoreAccess(ctx, storeId);
  return { currency: store.currency };
}

export function assertUnit(unit: string, soldByWeight: boolean, field: string): void {
  if (soldByWeight && unit === 'piece') throw invalid('invalid_unit', 'A product sold by weight needs a unit of measure (kg, l, m)', { field });
}

export interface NewPrice {
  storeId: string;
  price: number;
  currency: string;
}

/** Validates store prices of a write: known stores the caller may price in, one price per store. */
export async function checkPrices(tx: RequestContext, prices: { storeId: string; price: number }[], field: string): Promise<NewPrice[]> {
  const out: NewPrice[] = [];
  for (const [i, p] of prices.entries()) {
    if (out.some((o) => o.storeId === p.storeId)) throw invalid('duplicate_price', 'One price per store', { field: `${field}.${i}.storeId` });
    const { currency } = await priceStore(tx, p.storeId, `${field}.${i}.storeId`);
    out.push({ storeId: p.storeId, price: p.price, currency });
  }
  return out;
}


/** A write that changes part of a product (variant, barcode, price) must not touch an archived one. */
export async function activeProduct(tx: RequestContext, id: string, field = 'params.id'): Promise<ProductRow> {
  const row = await findProduct(tx, id);
  if (!row) throw notFound('Product');
  if (row.status !== 'active') throw conflict('product_archived', 'The product is archived; restore it first', { field });
  return row;
}
