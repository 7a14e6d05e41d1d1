import { lineAmount, type ScanResult } from '@opentill/core';
import { sql, type InferResult, type Kysely } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, conflict } from '../../platform/errors.js';
import type { StoreRow } from '../stores/stores.repository.js';
import { scanLookupKey } from '@opentill/core';
import { barcodeConfigFor, scan } from './barcode-codes.js';
import { builtinRate, unknownTaxClassForStore } from './tax-classes.js';

/**
 * Resolves anything a scanner delivers (EAN/UPC, German weight/price/count codes, GS1 element
 * strings, PLUs, internal codes) to product, variant, quantity and price in one indexed query.
 */
export interface Resolved {
  scan: ScanResult;
  productId: string;
  variantId: string | null;
  /** Milli-units from the code (weight, count, 1 piece for price-embedded), null = ask/weigh. */
  quantity: number | null;
  embeddedPrice: number | null;
  row: LookupRow;
}

/** Placeholder values the lookup query is compiled with once, replaced per call. */
const P = { storeId: '\u0000storeId', country: '\u0000country', orgId: '\u0000orgId', key: '\u0000key' } as const;

function compileLookup(db: Kysely<DB>) {
  return db
    .selectFrom('barcodes as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .leftJoin('variants as v', 'v.id', 'b.variant_id')
    .leftJoin('store_prices as vp', (j) => j.onRef('vp.product_id', '=', 'b.product_id').on('vp.store_id', '=', P.storeId).onRef('vp.variant_key', '=', 'b.variant_id'))
    .leftJoin('store_prices as pp', (j) => j.onRef('pp.product_id', '=', 'b.product_id').on('pp.store_id', '=', P.storeId).on('pp.variant_key', '=', ''))
    // A stored tax class overrides the built-in rate of the store's country.
    .leftJoin('tax_classes as tc', (j) => j.onRef('tc.org_id', '=', 'b.org_id').on('tc.country', '=', P.country).onRef('tc.code', '=', 'p.tax_class'))
    .select([
      'b.code',
      'b.kind',
      'b.variant_id',
      'p.id as product_id',
      'p.sku',
      'p.name',
      'p.unit',
      'p.sold_by_weight',
      'p.tax_class',
      'p.category_id',
      'p.deposit_product_id',
      'p.status',
      'p.image_url',
      'v.sku as variant_sku',
      'v.name as variant_name',
      'v.options as variant_options',
      'v.status as variant_status',
      'vp.price as variant_price',
      'pp.price as product_price',
      'tc.rate_bp as stored_rate_bp',
      sql<number>`(case when b.variant_id is null and exists (select 1 from variants av where av.product_id = p.id and av.status = 'active') then 1 else 0 end)`.as('variant_required'),
    ])
    .where('b.org_id', '=', P.orgId)
    .where('b.lookup_key', '=', P.key)
    .compile();
}

type LookupRow = InferResult<ReturnType<typeof compileLookup>>[number];
const compiled = new WeakMap<Kysely<DB>, ReturnType<typeof compileLookup>>();

/**
 * The hot path of every scan: one indexed query (barcode key → product, variant, both store prices,
 * stored tax class). Built and compiled once per database handle; only the parameters change.
 */
async function findByKey(ctx: RequestContext, store: StoreRow, key: string): Promise<LookupRow | undefined> {
  let query = compiled.get(ctx.db);
  if (!query) compiled.set(ctx.db, (query = compileLookup(ctx.db)));
  const values: Record<string, string> = { [P.storeId]: store.id, [P.country]: store.country, [P.orgId]: ctx.actor!.orgId, [P.key]: key };
  const parameters = query.parameters.map((p) => (typeof p === 'string' && p in values ? values[p] : p));
  const result = await ctx.db.executeQuery<LookupRow>({ ...query, parameters });
  return result.rows[0];
}

const notFoundCode = (field: string) => new AppError('not_found', 'not_found', 'No product has this code', { field });

export async function resolveCode(ctx: RequestContext, store: StoreRow, code: string, field: string): Promise<Resolved> {
  const s = scan(code, barcodeConfigFor(store, ctx.clock.now()), field);
  const key = scanLookupKey(s);
  const row = key ? await findByKey(ctx, store, key) : undefined;
  if (!row) throw notFoundCode(field);
  if (row.status !== 'active' || row.variant_status === 'archived') throw conflict('product_archived', `${row.name} is archived`, { field });
  let quantity: number | null = row.sold_by_weight === 1 ? null : 1000;
  let embeddedPrice: number | null = null;
  if (s.kind === 'variable_measure') {
    if (s.weightMilli !== undefined) quantity = s.weightMilli;
    if (s.count !== undefined) quantity = s.count * 1000;
    if (s.priceMinor !== undefined) [quantity, embeddedPrice] = [1000, s.priceMinor];
  } else if (s.kind === 'gs1') {
    if (s.weightMilli !== undefined) quantity = s.weightMilli;
    if (s.priceMinor !== undefined) [quantity, embeddedPrice] = [quantity ?? 1000, s.priceMinor];
  }
  return { scan: s, productId: row.product_id, variantId: row.variant_id, quantity, embeddedPrice, row };
}

function presentScan(s: ScanResult) {
  switch (s.kind) {
    case 'gtin':
      return { kind: s.kind, format: s.format, gtin: s.gtin, inStore: s.inStore };
    case 'variable_measure':
      return { kind: s.kind, measure: s.measure, itemCode: s.itemCode, lookupGtin: s.lookupGtin };
    case 'gs1':
      return { kind: s.kind, gtin: s.gtin ?? null, batch: s.batch ?? null, expiry: s.expiry ?? null, serial: s.serial ?? null };
    case 'plu':
      return { kind: s.kind, plu: s.plu, organic: s.organic };
    case 'unknown':
      return { kind: s.kind };
  }
}

/** GET /catalog/lookup: what the register puts on the receipt line for a scan. */
export async function lookupCode(ctx: RequestContext, store: StoreRow, code: string) {
  const r = await resolveCode(ctx, store, code, 'querystring.code');
  const row = r.row;
  const rateBp = row.stored_rate_bp ?? builtinRate(store.country, row.tax_class);
  if (rateBp === undefined) throw unknownTaxClassForStore(row.tax_class, store.country, 'querystring.code');
  const unitPrice = row.variant_price ?? row.product_price ?? null;
  const price = r.embeddedPrice ?? unitPrice;
  const amount = price !== null && r.quantity !== null ? (r.embeddedPrice ?? lineAmount(price, r.quantity)) : null;
  return {
    code,
    storeId: store.id,
    currency: store.currency,
    scan: presentScan(r.scan),
    product: {
      id: row.product_id,
      sku: row.sku,
      name: row.name,
      unit: row.unit,
      soldByWeight: row.sold_by_weight === 1,
      taxClass: row.tax_class,
      taxRateBp: rateBp,
      categoryId: row.category_id,
      depositProductId: row.deposit_product_id,
      imageUrl: row.image_url,
    },
    variant: r.variantId ? { id: r.variantId, sku: row.variant_sku!, name: row.variant_name!, options: JSON.parse(row.variant_options!) as Record<string, string> } : null,
    variantRequired: Number(row.variant_required) === 1,
    quantity: r.quantity,
    unitPrice,
    embeddedPrice: r.embeddedPrice,
    amount,
  };
}
