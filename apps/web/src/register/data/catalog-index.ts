import {
  BarcodeError,
  GERMAN_BARCODE_CONFIG,
  currencyExponent,
  lineAmount,
  parseScan,
  scanLookupKey,
  toGtin14,
  type ScanResult,
  type StoreBarcodeConfig,
} from '@opentill/core';
import type { CachedCategory, CachedModifierGroup, CachedProduct, CachedPromotion, CachedTaxClass, StoreSettings } from './catalog-types';

/**
 * The catalog in memory, indexed for the scan hot path: barcode lookup key, SKU and id → product in
 * one Map lookup each (no IndexedDB read while the customer waits). Built once at start from the
 * Dexie cache and patched per change-feed page.
 */

export interface Hit {
  product: CachedProduct;
  variantId: string | null;
}

export interface CatalogIndex {
  products: Map<string, CachedProduct>;
  byKey: Map<string, Hit>;
  bySku: Map<string, Hit>;
  categories: Map<string, CachedCategory>;
  taxClasses: Map<string, CachedTaxClass>;
  modifierGroups: Map<string, CachedModifierGroup>;
  promotions: Map<string, CachedPromotion>;
  /** Bumped on every change, so views can memoise on it. */
  version: number;
}

export function emptyIndex(): CatalogIndex {
  return { products: new Map(), byKey: new Map(), bySku: new Map(), categories: new Map(), taxClasses: new Map(), modifierGroups: new Map(), promotions: new Map(), version: 0 };
}

/** The unique lookup key of a stored barcode — the same keys the server's `barcodes.lookup_key` holds. */
export function storedBarcodeKey(code: string, kind: string): string {
  if (kind === 'plu') return `plu:${code}`;
  if (kind === 'internal') return `int:${code}`;
  return /^\d{8,14}$/.test(code) ? toGtin14(code) : `int:${code}`;
}

export function barcodeConfigFor(store: StoreSettings, now = new Date()): StoreBarcodeConfig {
  const base = store.country === 'DE' ? GERMAN_BARCODE_CONFIG : { variableMeasure: [], pluLengths: [4, 5] };
  let exponent = 2;
  try {
    exponent = currencyExponent(store.currency);
  } catch {
    // keep 2
  }
  return { ...base, currencyExponent: exponent, referenceYear: now.getUTCFullYear() };
}

function indexProduct(index: CatalogIndex, p: CachedProduct): void {
  index.products.set(p.id, p);
  index.bySku.set(p.sku.toUpperCase(), { product: p, variantId: null });
  for (const v of p.variants) if (v.status === 'active') index.bySku.set(v.sku.toUpperCase(), { product: p, variantId: v.id });
  for (const b of p.barcodes) index.byKey.set(storedBarcodeKey(b.code, b.kind), { product: p, variantId: b.variantId });
}

function unindexProduct(index: CatalogIndex, id: string): void {
  const old = index.products.get(id);
  if (!old) return;
  index.products.delete(id);
  const drop = (m: Map<string, Hit>, k: string) => m.get(k)?.product.id === id && m.delete(k);
  drop(index.bySku, old.sku.toUpperCase());
  for (const v of old.variants) drop(index.bySku, v.sku.toUpperCase());
  for (const b of old.barcodes) drop(index.byKey, storedBarcodeKey(b.code, b.kind));
}

export function putProducts(index: CatalogIndex, products: Iterable<CachedProduct>): void {
  for (const p of products) {
    unindexProduct(index, p.id);
    if (p.status === 'active') indexProduct(index, p);
  }
  index.version += 1;
}

export function removeProducts(index: CatalogIndex, ids: Iterable<string>): void {
  for (const id of ids) unindexProduct(index, id);
  index.version += 1;
}

export function buildIndex(parts: {
  products: CachedProduct[];
  categories: CachedCategory[];
  taxClasses: CachedTaxClass[];
  modifierGroups: CachedModifierGroup[];
  promotions: CachedPromotion[];
}): CatalogIndex {
  const index = emptyIndex();
  putProducts(index, parts.products);
  for (const c of parts.categories) index.categories.set(c.id, c);
  for (const t of parts.taxClasses) index.taxClasses.set(t.id, t);
  for (const g of parts.modifierGroups) index.modifierGroups.set(g.id, g);
  for (const p of parts.promotions) index.promotions.set(p.id, p);
  return index;
}

/** The store price of a product (variant price first, then the product's). */
export function priceOf(p: CachedProduct, variantId: string | null): number | null {
  const exact = p.prices.find((x) => x.variantId === variantId);
  if (exact) return exact.price;
  return variantId ? (p.prices.find((x) => x.variantId === null)?.price ?? null) : null;
}

export type ScanOutcome =
  | { ok: true; product: CachedProduct; variantId: string | null; qty: number | null; embeddedPrice: number | null; scan: ScanResult }
  | { ok: false; reason: 'invalid_barcode' | 'not_found'; code: string };

/**
 * Resolves a scanner's code locally: EAN/UPC, German weight/price/count labels, GS1 element strings,
 * PLUs and internal codes; SKUs typed into the same field as a fallback.
 */
export function resolveCode(index: CatalogIndex, raw: string, config: StoreBarcodeConfig): ScanOutcome {
  const code = raw.trim();
  let s: ScanResult;
  try {
    s = parseScan(code, config);
  } catch (err) {
    if (!(err instanceof BarcodeError)) throw err;
    const bySku = index.bySku.get(code.toUpperCase());
    if (bySku) return { ok: true, ...bySku, qty: bySku.product.soldByWeight ? null : 1000, embeddedPrice: null, scan: { kind: 'unknown', raw: code } };
    return { ok: false, reason: 'invalid_barcode', code };
  }
  const key = scanLookupKey(s);
  const hit = (key ? index.byKey.get(key) : undefined) ?? index.bySku.get(code.toUpperCase());
  if (!hit) return { ok: false, reason: 'not_found', code };
  let qty: number | null = hit.product.soldByWeight ? null : 1000;
  let embeddedPrice: number | null = null;
  if (s.kind === 'variable_measure') {
    if (s.weightMilli !== undefined) qty = s.weightMilli;
    if (s.count !== undefined) qty = s.count * 1000;
    if (s.priceMinor !== undefined) embeddedPrice = s.priceMinor;
  } else if (s.kind === 'gs1') {
    if (s.weightMilli !== undefined) qty = s.weightMilli;
    if (s.priceMinor !== undefined) embeddedPrice = s.priceMinor;
  }
  return { ok: true, product: hit.product, variantId: hit.variantId, qty, embeddedPrice, scan: s };
}

/**
 * A price-embedded label (e.g. sheet cake at the counter scale) as a quantity of the article's unit
 * price: the sales API prices by quantity, so find the weight whose amount is exactly the label's.
 * null when no whole-gram weight gives that amount (the label then needs a price override).
 */
export function qtyForEmbeddedPrice(unitPrice: number, price: number): number | null {
  if (unitPrice <= 0) return null;
  const guess = Math.round((price * 1000) / unitPrice);
  for (const q of [guess, guess - 1, guess + 1, guess - 2, guess + 2]) if (q > 0 && lineAmount(unitPrice, q) === price) return q;
  return null;
}

/** Name and SKU search (case- and accent-insensitive substring), capped. */
export function searchProducts(index: CatalogIndex, query: string, limit = 200): CachedProduct[] {
  const q = fold(query.trim());
  if (!q) return [];
  const out: CachedProduct[] = [];
  const exact = index.bySku.get(query.trim().toUpperCase());
  if (exact) out.push(exact.product);
  for (const p of index.products.values()) {
    if (out.length >= limit) break;
    if (p === exact?.product) continue;
    if (fold(p.name).includes(q) || fold(p.sku).includes(q)) out.push(p);
  }
  return out;
}

const foldCache = new Map<string, string>();
function fold(s: string): string {
  let f = foldCache.get(s);
  if (f === undefined) {
    f = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (foldCache.size < 300_000) foldCache.set(s, f);
  }
  return f;
}

/** A name folded for sorting and matching (case and accents ignored). */
export const sortKey = (name: string): string => fold(name);
