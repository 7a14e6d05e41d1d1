import { formatDecimal, currencyExponent } from '@opentill/core';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { invalid, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { barcodeConfigFor } from '../catalog/barcode-codes.js';
import { effectiveTaxClasses } from '../catalog/tax-classes.js';
import { findStore } from '../stores/index.js';
import { CSV_COLUMNS } from './columns.js';
import { CsvSyntaxError, parseCsv, toCsv } from './csv.js';
import { planImport, type RowError } from './import-plan.js';
import { applyPlan, existingCatalogKeys } from './import.repository.js';

export const MAX_IMPORT_ROWS = 500_000;

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  created: number;
  updated: number;
  errors: RowError[];
}

/**
 * CSV product import. Nothing is written when any row is bad, unless `skipInvalid` is set (then the
 * products with bad rows are left out and reported). A dry run validates everything and writes nothing.
 * The whole import is one transaction: it lands completely or not at all.
 */
export async function importCatalogCsv(
  ctx: RequestContext,
  input: { storeId: string; csv: string; dryRun: boolean; skipInvalid: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ImportReport> {
  const store = await findStore(ctx, input.storeId);
  if (!store) throw notFound('Store');
  let rows: string[][];
  try {
    rows = parseCsv(input.csv);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw invalid('malformed_csv', `CSV row ${err.row}: ${err.message}`, { row: err.row });
    throw err;
  }
  if (rows.length < 2) throw invalid('empty_csv', 'The CSV has no product rows', { field: 'body.csv' });
  if (rows.length - 1 > MAX_IMPORT_ROWS) throw invalid('csv_too_large', `At most ${MAX_IMPORT_ROWS} rows per import`, { field: 'body.csv' });

  const keys = await existingCatalogKeys(ctx);
  const taxClasses = new Set((await effectiveTaxClasses(ctx, [store.country])).map((c) => c.code));
  const plan = planImport(rows, {
    currency: store.currency,
    taxClasses,
    barcodeConfig: barcodeConfigFor(store),
    existingBarcodes: keys.existingBarcodes,
    existingSkus: keys.existingSkus,
  });
  const validRows = plan.products.reduce((n, p) => n + p.rows.length, 0);
  const report: ImportReport = {
    dryRun: input.dryRun,
    total: plan.total,
    valid: validRows,
    invalid: plan.total - validRows,
    imported: 0,
    created: 0,
    updated: 0,
    errors: plan.errors,
  };
  const blocked = plan.errors.length > 0 && (!input.skipInvalid || plan.errors.some((e) => e.row === 1));
  if (input.dryRun || blocked || plan.products.length === 0) return report;

  const result = await inTransaction(ctx, async (tx) => {
    const applied = await applyPlan(tx, {
      storeId: store.id,
      currency: store.currency,
      products: plan.products,
      onProgress: (done) => input.onProgress?.(done, plan.products.length),
    });
    await recordAudit(tx, {
      action: 'catalog.import',
      storeId: store.id,
      details: { rows: plan.total, created: applied.created, updated: applied.updated, skippedRows: plan.total - validRows },
    });
    return applied;
  });
  return { ...report, imported: validRows, created: result.created, updated: result.updated };
}

/** Exports the catalog with the store's prices in the import format (re-importable as is). */
export async function exportCatalogCsv(ctx: RequestContext, storeId: string): Promise<string> {
  const store = await findStore(ctx, storeId);
  if (!store) throw notFound('Store');
  const exp = currencyExponent(store.currency);
  const orgId = ctx.actor!.orgId;
  const products = await ctx.db.selectFrom('products').selectAll().where('org_id', '=', orgId).orderBy('sku').execute();
  const variants = await ctx.db.selectFrom('variants').selectAll().where('org_id', '=', orgId).orderBy('sort_order').execute();
  const barcodes = await ctx.db.selectFrom('barcodes').select(['product_id', 'variant_id', 'code']).where('org_id', '=', orgId).orderBy('id').execute();
  const prices = await ctx.db.selectFrom('store_prices').select(['product_id', 'variant_key', 'price']).where('store_id', '=', storeId).execute();
  const categories = await ctx.db.selectFrom('categories').select(['id', 'parent_id', 'name']).where('org_id', '=', orgId).execute();
  const catById = new Map(categories.map((c) => [c.id, c]));
  const path = (id: string | null): string => {
    const parts: string[] = [];
    for (let c = id ? catById.get(id) : undefined; c; c = c.parent_id ? catById.get(c.parent_id) : undefined) parts.unshift(c.name);
    return parts.join('/');
  };
  const priceOf = new Map(prices.map((p) => [`${p.product_id}:${p.variant_key}`, p.price]));
  const codesOf = new Map<string, string[]>();
  for (const b of barcodes) {
    const k = `${b.product_id}:${b.variant_id ?? ''}`;
    (codesOf.get(k) ?? codesOf.set(k, []).get(k)!).push(b.code);
  }
  const variantsOf = new Map<string, typeof variants>();
  for (const v of variants) (variantsOf.get(v.product_id) ?? variantsOf.set(v.product_id, []).get(v.product_id)!).push(v);
  const skuById = new Map(products.map((p) => [p.id, p.sku]));
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '' : formatDecimal(v, exp));

  const out: string[][] = [[...CSV_COLUMNS]];
  for (const p of products) {
    const base = (price: number | undefined, codes: string[], variantSku: string, variantOptions: string) => [
      p.sku,
      p.name,
      fmt(price ?? priceOf.get(`${p.id}:`) ?? 0),
      p.tax_class,
      p.unit,
      path(p.category_id),
      codes.join('|'),
      fmt(p.cost_price),
      variantSku,
      variantOptions,
      p.description,
      p.status,
      p.deposit_product_id ? (skuById.get(p.deposit_product_id) ?? '') : '',
    ];
    const vs = variantsOf.get(p.id) ?? [];
    out.push(base(priceOf.get(`${p.id}:`), codesOf.get(`${p.id}:`) ?? [], '', ''));
    for (const v of vs) {
      const opts = Object.entries(JSON.parse(v.options) as Record<string, string>).map(([k, val]) => `${k}=${val}`).join(';');
      out.push(base(priceOf.get(`${p.id}:${v.id}`), codesOf.get(`${p.id}:${v.id}`) ?? [], v.sku, opts));
    }
  }
  return toCsv(out);
}
