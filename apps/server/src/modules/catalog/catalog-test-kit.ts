import { withCheckDigit } from '@opentill/core';
import type { Harness } from '../../test-support/harness.js';

/** Helpers shared by the catalog suites (test-only). */

let n = 0;
/** A fresh valid EAN-13 in a range the demo catalog does not use. */
export function freshEan(): string {
  n += 1;
  return withCheckDigit(`40555${String(Date.now() % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`);
}

/** The same code with a wrong check digit. */
export function wrongCheckDigit(ean: string): string {
  const last = Number(ean.at(-1));
  return `${ean.slice(0, -1)}${(last + 1) % 10}`;
}

export function uniqueSku(prefix = 'T'): string {
  n += 1;
  return `${prefix}-${Date.now().toString(36)}-${n}`.toUpperCase();
}

export async function catalogCounts(h: Harness): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['products', 'variants', 'barcodes', 'store_prices', 'categories', 'catalog_changes', 'promotions', 'modifier_groups']) out[t] = await h.count(t);
  return out;
}

export async function productBySku(h: Harness, token: string, sku: string) {
  const res = await h.req({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent(sku)}&status=all`, token });
  return (res.json().items as { id: string; sku: string }[]).find((p) => p.sku === sku)!;
}
