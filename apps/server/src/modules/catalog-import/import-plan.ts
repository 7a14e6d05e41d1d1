import { MoneyError, parseMinor, type StoreBarcodeConfig } from '@opentill/core';
import { AppError } from '../../platform/errors.js';
import { normalizeBarcode, type NormalizedBarcode } from '../catalog/barcode-codes.js';
import { CSV_COLUMNS, REQUIRED_COLUMNS, type CsvColumn } from './columns.js';

export interface RowError {
  row: number;
  column: string;
  reason: string;
}

export interface PlannedBarcode extends NormalizedBarcode {
  row: number;
}

export interface PlannedVariant {
  row: number;
  sku: string;
  name: string;
  options: Record<string, string>;
  price: number;
  barcodes: PlannedBarcode[];
}

export interface PlannedProduct {
  row: number;
  rows: number[];
  sku: string;
  name: string;
  price: number;
  taxClass: string;
  unit: 'piece' | 'kg' | 'l' | 'm';
  categoryPath: string[];
  barcodes: PlannedBarcode[];
  costPrice: number | null;
  description: string;
  status: 'active' | 'archived';
  depositSku: string | null;
  variants: PlannedVariant[];
}

export interface PlanContext {
  currency: string;
  taxClasses: ReadonlySet<string>;
  barcodeConfig: StoreBarcodeConfig;
  /** lookup_key → SKU of the product that owns it in the database. */
  existingBarcodes: ReadonlyMap<string, string>;
  /** SKUs (product or variant) already in the database → 'product' | 'variant:<product sku>'. */
  existingSkus: ReadonlyMap<string, string>;
}

export interface ImportPlan {
  products: PlannedProduct[];
  errors: RowError[];
  total: number;
  /** CSV rows belonging to products with at least one error. */
  invalidRows: number;
}

const UNITS = new Set(['piece', 'kg', 'l', 'm']);
const MAX_TEXT = 200;

function money(text: string, currency: string): number | string {
  try {
    const v = parseMinor(text.trim(), currency);
    if (v < 0) return 'must not be negative';
    if (v > 100_000_000) return 'is too large';
    return v;
  } catch (err) {
    if (err instanceof MoneyError) return `is not a price like 2.49 (${err.message})`;
    throw err;
  }
}

function options(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) return `"${part}" is not name=value`;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return Object.keys(out).length ? out : 'is empty';
}

/**
 * Validates every row and groups rows into products. Each problem is reported with its CSV row
 * number (the header is row 1), column and reason; a product with any bad row is left out whole.
 */
export function planImport(rows: string[][], ctx: PlanContext): ImportPlan {
  const errors: RowError[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  for (const [i, h] of header.entries()) {
    if (!(CSV_COLUMNS as readonly string[]).includes(h)) errors.push({ row: 1, column: h || `#${i + 1}`, reason: 'unknown column' });
  }
  for (const req of REQUIRED_COLUMNS) {
    if (!header.includes(req)) errors.push({ row: 1, column: req, reason: 'required column is missing' });
  }
  if (errors.length) return { products: [], errors, total: Math.max(rows.length - 1, 0), invalidRows: Math.max(rows.length - 1, 0) };

  const index = new Map(header.map((h, i) => [h as CsvColumn, i]));
  const bySku = new Map<string, PlannedProduct>();
  const bad = new Set<string>();
  const seenBarcodes = new Map<string, number>();
  const seenVariantSkus = new Set<string>();

  for (let r = 1; r < rows.length; r++) {
    const rowNo = r + 1;
    const cells = rows[r]!;
    const get = (c: CsvColumn) => (index.has(c) ? (cells[index.get(c)!] ?? '').trim() : '');
    const fail = (column: string, reason: string) => errors.push({ row: rowNo, column, reason });
    const before = errors.length;
    if (cells.length !== header.length) fail('*', `has ${cells.length} fields, the header has ${header.length}`);

    const sku = get('sku');
    if (!sku) fail('sku', 'is required');
    else if (sku.length > 64 || /\s/.test(sku)) fail('sku', 'must be at most 64 characters without spaces');
    const name = get('name');
    if (!name) fail('name', 'is required');
    else if (name.length > MAX_TEXT) fail('name', `is longer than ${MAX_TEXT} characters`);
    // eslint-disable-next-line no-control-regex -- control characters are never valid product text
    if (/[\u0000-\u001f\u007f]/.test(name + get('description'))) fail('name', 'contains control characters');
    const price = money(get('price'), ctx.currency);
    if (typeof price === 'string') fail('price', get('price') ? price : 'is required');
    const taxClass = get('tax_class');
    if (!ctx.taxClasses.has(taxClass)) fail('tax_class', taxClass ? `unknown tax class "${taxClass}" (known: ${[...ctx.taxClasses].join(', ')})` : 'is required');
    const unit = get('unit') || 'piece';
    if (!UNITS.has(unit)) fail('unit', `must be piece, kg, l or m, not "${unit}"`);
    const status = get('status') || 'active';
    if (status !== 'active' && status !== 'archived') fail('status', 'must be active or archived');
    const costText = get('cost_price');
    const cost = costText ? money(costText, ctx.currency) : null;
    if (typeof cost === 'string') fail('cost_price', cost);
    const categoryPath = get('category').split('/').map((s) => s.trim()).filter(Boolean);

    const barcodes: PlannedBarcode[] = [];
    for (const raw of get('barcodes').split('|').map((b) => b.trim()).filter(Boolean)) {
      try {
        const b = normalizeBarcode(raw, ctx.barcodeConfig, 'barcodes');
        const dupRow = seenBarcodes.get(b.lookupKey);
        const owner = ctx.existingBarcodes.get(b.lookupKey);
        if (dupRow !== undefined) fail('barcodes', `${raw} also appears in row ${dupRow}`);
        else if (owner !== undefined && owner !== sku) fail('barcodes', `${raw} already belongs to product ${owner}`);
        else barcodes.push({ ...b, row: rowNo });
        seenBarcodes.set(b.lookupKey, rowNo);
      } catch (err) {
        if (err instanceof AppError) fail('barcodes', `${raw}: ${err.message}`);
        else throw err;
      }
    }

    const variantSku = get('variant_sku');
    let variantOptions: Record<string, string> | null = null;
    if (variantSku) {
      const opts = options(get('variant_options'));
      if (typeof opts === 'string') fail('variant_options', opts);
      else variantOptions = opts;
      if (seenVariantSkus.has(variantSku) || bySku.has(variantSku)) fail('variant_sku', `${variantSku} is used twice`);
      const existing = ctx.existingSkus.get(variantSku);
      if (existing && existing !== `variant:${sku}`) fail('variant_sku', `${variantSku} is already used by another product or variant`);
      seenVariantSkus.add(variantSku);
    } else if (get('variant_options')) {
      fail('variant_options', 'needs a variant_sku');
    }
    if (sku && ctx.existingSkus.get(sku)?.startsWith('variant:')) fail('sku', `${sku} is already a variant SKU`);
    if (sku && seenVariantSkus.has(sku) && !bySku.has(sku)) fail('sku', `${sku} is already a variant SKU in this file`);

    const rowOk = errors.length === before;
    if (!rowOk && sku) bad.add(sku);
    if (!sku) continue;
    let product = bySku.get(sku);
    if (!product) {
      product = {
        row: rowNo,
        rows: [],
        sku,
        name,
        price: typeof price === 'number' ? price : 0,
        taxClass,
        unit: unit as PlannedProduct['unit'],
        categoryPath,
        barcodes: [],
        costPrice: typeof cost === 'number' ? cost : null,
        description: get('description'),
        status: status as PlannedProduct['status'],
        depositSku: get('deposit_sku') || null,
        variants: [],
      };
      bySku.set(sku, product);
    } else if (!variantSku) {
      fail('sku', `${sku} is used twice (rows ${product.row} and ${rowNo}); variant rows need a variant_sku`);
      bad.add(sku);
    }
    product.rows.push(rowNo);
    if (variantSku && variantOptions && typeof price === 'number') {
      product.variants.push({ row: rowNo, sku: variantSku, name: Object.values(variantOptions).join(' / '), options: variantOptions, price, barcodes });
    } else {
      product.barcodes.push(...barcodes);
    }
  }

  for (const p of bySku.values()) {
    if (p.depositSku && !bySku.has(p.depositSku) && ctx.existingSkus.get(p.depositSku) !== 'product') {
      errors.push({ row: p.row, column: 'deposit_sku', reason: `unknown product ${p.depositSku}` });
      bad.add(p.sku);
    }
  }
  const products = [...bySku.values()].filter((p) => !bad.has(p.sku));
  const invalidRows = [...bySku.values()].filter((p) => bad.has(p.sku)).reduce((n, p) => n + p.rows.length, 0);
  errors.sort((a, b) => a.row - b.row);
  return { products, errors, total: rows.length - 1, invalidRows: invalidRows + errors.filter((e) => e.row > 1 && !rows[e.row - 1]?.[index.get('sku')!]?.trim()).length };
}
