import { withCheckDigit } from '@opentill/core';
import type { Harness } from '../../test-support/harness.js';
import { must, send, uniqueName, type Req, type World } from '../../test-support/matrix-fixtures.js';

/**
 * Catalog objects for the authorization matrix (test-only): a product with a variant, a product
 * each principal may archive, promotions in both stores, and fresh barcodes/categories to delete.
 */
export interface CatalogWorld {
  productId: string;
  archivableId: string;
  variantId: string;
  modifierGroupId: string;
  categoryId: string;
  promotionA: string;
  promotionB: string;
  freshBarcode(): Promise<string>;
  freshCategory(): Promise<string>;
}

let n = 0;
export const matrixEan = () => withCheckDigit(`40777${String(Date.now() % 10_000).padStart(4, '0')}${String(++n).padStart(3, '0')}`);
export const matrixSku = () => `MX-${Date.now().toString(36)}-${++n}`.toUpperCase();

/** Methods beyond the shared Req type (PUT, DELETE) go through the same `send`. */
export const catalogReq = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Req =>
  ({ method, url, ...(body !== undefined ? { body } : {}) }) as unknown as Req;

export async function buildCatalogWorld(h: Harness, w: World): Promise<CatalogWorld> {
  const owner = w.tokens.owner!;
  const call = async (method: 'POST' | 'DELETE', url: string, body: unknown, status: number) => {
    const res = await send(h, { ...catalogReq(method, url, body), token: owner });
    must(res, status, `${method} ${url}`);
    return res.json() as { id: string; variants: { id: string }[] };
  };
  const product = await call('POST', '/catalog/products', { sku: matrixSku(), name: 'Matrix product', taxClass: 'reduced', variants: [{ sku: matrixSku(), options: { size: 'M' } }] }, 201);
  const archivable = await call('POST', '/catalog/products', { sku: matrixSku(), name: 'Matrix archivable', taxClass: 'standard' }, 201);
  const group = await call('POST', '/catalog/modifier-groups', { name: 'Matrix milk', options: [{ name: 'Oat', priceDelta: 50 }] }, 201);
  const category = await call('POST', '/catalog/categories', { name: 'Matrix category' }, 201);
  const promo = (storeId: string) => call('POST', '/catalog/promotions', { storeId, name: uniqueName('Matrix promo'), effect: { type: 'percent_off', percentBp: 500 } }, 201);
  return {
    productId: product.id,
    archivableId: archivable.id,
    variantId: product.variants[0]!.id,
    modifierGroupId: group.id,
    categoryId: category.id,
    promotionA: (await promo(w.storeA)).id,
    promotionB: (await promo(w.storeB)).id,
    freshBarcode: async () => (await call('POST', `/catalog/products/${product.id}/barcodes`, { code: matrixEan() }, 201)).id,
    freshCategory: async () => (await call('POST', '/catalog/categories', { name: uniqueName('Leaf') }, 201)).id,
  };
}
