import { MoneyError, parseMinor, type StoreBarcodeConfig } from '@opentill/core';
import { AppError } from '../../platform/errors.js';
import { normalizeBarcode, type NormalizedBarcode } from '../catalog/barcode-codes.js';
import { CSV_COLUMNS, REQUIRED_COLUMNS, type CsvColumn } from './columns.js';

/**
 * One problem of an import row. `code` is stable (clients translate it, with `params`); `reason` is
 * the English text for logs and the CLI.
 */
export interface RowError {
  row: number;
  column: string;
  code: string;
  reason: string;
  params?: Record<string, string | number>;
}

type Problem = { code: string; reason: string; params?: Record<string, string | number> };

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

function money(text: string, currency: string): number | Problem {
  try {
    const v = parseMinor(text.trim(), currency);
    if (v < 0) return { code: 'negative', reason: 'must not be negative' };
    if (v > 100_000_000) return { code: 'too_large', reason: 'is too large' };
    return v;
  } catch (err) {
    if (err instanceof MoneyError)
      return {
        code: 'invalid_price',
        reason: `is not a price like 2.49 (${err.message})`,
        params: { value: text },
      };
    throw err;
  }
}

function options(text: string): { value: Record<string, string> } | { problem: Problem } {
  const out: Record<string, string> = {};
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1)
      return {
        problem: { code: 'invalid_options', reason: `"${part}" is not name=value`, params: { value: part } },
      };
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return Object.keys(out).length ? { value: out } : { problem: { code: 'required', reason: 'is empty' } };
}

/**
 * Validates every row and groups rows into products. Each problem is reported with its CSV row
 * number (the header is row 1), column and reason; a product with any bad row is left out whole.
 */
export function planImport(rows: string[][], ctx: PlanContext): ImportPlan {
  const errors: RowError[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  for (const [i, h] of header.entries()) {
    if (!(CSV_COLUMNS as readonly string[]).includes(h))
      errors.push({ row: 1, column: h || `#${i + 1}`, code: 'unknown_column', reason: 'unknown column' });
  }
  for (const req of REQUIRED_COLUMNS) {
    if (!header.includes(req))
      errors.push({ row: 1, column: req, code: 'missing_column', reason: 'required column is missing' });
  }
  if (errors.length)
    return {
      products: [],
      errors,
      total: Math.max(rows.length - 1, 0),
      invalidRows: Math.max(rows.length - 1, 0),
    };

  const index = new Map(header.map((h, i) => [h as CsvColumn, i]));
  const bySku = new Map<string, PlannedProduct>();
  const bad = new Set<string>();
  const seenBarcodes = new Map<string, number>();
  const seenVariantSkus = new Set<string>();

  for (let r = 1; r < rows.length; r++) {
    const rowNo = r + 1;
    const cells = rows[r]!;
    const get = (c: CsvColumn) => (index.has(c) ? (cells[index.get(c)!] ?? '').trim() : '');
    const fail = (column: string, code: string, reason: string, params?: Record<string, string | number>) =>
      errors.push({ row: rowNo, column, code, reason, ...(params && { params }) });
    const failWith = (column: string, p: Problem) => fail(column, p.code, p.reason, p.params);
    const before = errors.length;
    if (cells.length !== header.length)
      fail('*', 'field_count', `has ${cells.length} fields, the header has ${header.length}`, {
        fields: cells.length,
        expected: header.length,
      });

    const sku = get('sku');
    if (!sku) fail('sku', 'required', 'is required');
    else if (sku.length > 64 || /\s/.test(sku))
      fail('sku', 'invalid_sku', 'must be at most 64 characters without spaces');
    const name = get('name');
    if (!name) fail('name', 'required', 'is required');
    else if (name.length > MAX_TEXT)
      fail('name', 'too_long', `is longer than ${MAX_TEXT} characters`, { max: MAX_TEXT });
    // eslint-disable-next-line no-control-regex -- control characters are never valid product text
    if (/[\u0000-\u001f\u007f]/.test(name + get('description')))
      fail('name', 'control_characters', 'contains control characters');
    const price = money(get('price'), ctx.currency);
    if (typeof price !== 'number') {
      if (get('price')) failWith('price', price);
      else fail('price', 'required', 'is required');
    }
    const taxClass = get('tax_class');
    if (!ctx.taxClasses.has(taxClass)) {
      if (!taxClass) fail('tax_class', 'required', 'is required');
      else {
        const known = [...ctx.taxClasses].join(', ');
        fail('tax_class', 'unknown_tax_class', `unknown tax class "${taxClass}" (known: ${known})`, {
          value: taxClass,
          known,
        });
      }
    }
    const unit = get('unit') || 'piece';
    if (!UNITS.has(unit))
      fail('unit', 'invalid_unit', `must be piece, kg, l or m, not "${unit}"`, { value: unit });
    const status = get('status') || 'active';
    if (status !== 'active' && status !== 'archived')
      fail('status', 'invalid_status', 'must be active or archived', { value: status });
    const costText = get('cost_price');
    const cost = costText ? money(costText, ctx.currency) : null;
    if (cost !== null && typeof cost !== 'number') failWith('cost_price', cost);
    const categoryPath = get('category')
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean);

    const barcodes: PlannedBarcode[] = [];
    for (const raw of get('barcodes')
      .split('|')
      .map((b) => b.trim())
      .filter(Boolean)) {
      try {
        const b = normalizeBarcode(raw, ctx.barcodeConfig, 'barcodes');
        const dupRow = seenBarcodes.get(b.lookupKey);
        const owner = ctx.existingBarcodes.get(b.lookupKey);
        if (dupRow !== undefined)
          fail('barcodes', 'barcode_duplicate', `${raw} also appears in row ${dupRow}`, {
            code: raw,
            row: dupRow,
          });
        else if (owner !== undefined && owner !== sku)
          fail('barcodes', 'barcode_taken', `${raw} already belongs to product ${owner}`, {
            code: raw,
            sku: owner,
          });
        else barcodes.push({ ...b, row: rowNo });
        seenBarcodes.set(b.lookupKey, rowNo);
      } catch (err) {
        if (err instanceof AppError) {
          const why = (err.details as { reason?: string } | undefined)?.reason ?? 'format';
          fail('barcodes', 'invalid_barcode', `${raw}: ${err.message}`, { code: raw, reason: why });
        } else throw err;
      }
    }

    const variantSku = get('variant_sku');
    let variantOptions: Record<string, string> | null = null;
    if (variantSku) {
      const opts = options(get('variant_options'));
      if ('problem' in opts) failWith('variant_options', opts.problem);
      else variantOptions = opts.value;
      if (seenVariantSkus.has(variantSku) || bySku.has(variantSku))
        fail('variant_sku', 'duplicate_sku', `${variantSku} is used twice`, { sku: variantSku });
      const existing = ctx.existingSkus.get(variantSku);
      if (existing && existing !== `variant:${sku}`)
        fail('variant_sku', 'sku_taken', `${variantSku} is already used by another product or variant`, {
          sku: variantSku,
        });
      seenVariantSkus.add(variantSku);
    } else if (get('variant_options')) {
      fail('variant_options', 'options_need_variant', 'needs a variant_sku');
    }
    if (sku && ctx.existingSkus.get(sku)?.startsWith('variant:'))
      fail('sku', 'sku_is_variant', `${sku} is already a variant SKU`, { sku });
    if (sku && seenVariantSkus.has(sku) && !bySku.has(sku))
      fail('sku', 'sku_is_variant', `${sku} is already a variant SKU in this file`, { sku });

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
      fail(
        'sku',
        'duplicate_sku',
        `${sku} is used twice (rows ${product.row} and ${rowNo}); variant rows need a variant_sku`,
        { sku, row: product.row },
      );
      bad.add(sku);
    }
    product.rows.push(rowNo);
    if (variantSku && variantOptions && typeof price === 'number') {
      product.variants.push({
        row: rowNo,
        sku: variantSku,
        name: Object.values(variantOptions).join(' / '),
        options: variantOptions,
        price,
        barcodes,
      });
    } else {
      product.barcodes.push(...barcodes);
    }
  }

  for (const p of bySku.values()) {
    if (p.depositSku && !bySku.has(p.depositSku) && ctx.existingSkus.get(p.depositSku) !== 'product') {
      errors.push({
        row: p.row,
        column: 'deposit_sku',
        code: 'unknown_deposit',
        reason: `unknown product ${p.depositSku}`,
        params: { sku: p.depositSku },
      });
      bad.add(p.sku);
    }
  }
  const products = [...bySku.values()].filter((p) => !bad.has(p.sku));
  const invalidRows = [...bySku.values()]
    .filter((p) => bad.has(p.sku))
    .reduce((n, p) => n + p.rows.length, 0);
  errors.sort((a, b) => a.row - b.row);
  return {
    products,
    errors,
    total: rows.length - 1,
    invalidRows:
      invalidRows + errors.filter((e) => e.row > 1 && !rows[e.row - 1]?.[index.get('sku')!]?.trim()).length,
  };
}
