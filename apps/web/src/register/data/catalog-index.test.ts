import { encodeVariableMeasure, GERMAN_VARIABLE_MEASURE_RULES, withCheckDigit } from '@opentill/core';
import { describe, expect, it } from 'vitest';
import { barcodeConfigFor, buildIndex, putProducts, qtyForEmbeddedPrice, removeProducts, resolveCode, searchProducts } from './catalog-index';
import type { CachedProduct, StoreSettings } from './catalog-types';
import { priceCart } from './local-pricing';

const store: StoreSettings = { storeId: 's', country: 'DE', currency: 'EUR', timeZone: 'Europe/Berlin' };
const config = barcodeConfigFor(store, new Date('2026-11-27T10:00:00Z'));
const rule = (prefix: string) => GERMAN_VARIABLE_MEASURE_RULES.find((r) => r.prefix === prefix)!;

function product(id: string, over: Partial<CachedProduct> = {}): CachedProduct {
  return {
    id,
    sku: `SKU-${id}`,
    name: `Product ${id}`,
    description: '',
    categoryId: null,
    taxClass: 'standard',
    unit: 'piece',
    soldByWeight: false,
    imageUrl: null,
    status: 'active',
    depositProductId: null,
    variants: [],
    barcodes: [],
    prices: [{ variantId: null, price: 100 }],
    modifierGroupIds: [],
    updatedAt: '',
    ...over,
  } as CachedProduct;
}

const ean = withCheckDigit('409988700001');
const cheeseLabel = encodeVariableMeasure(rule('28'), '1001', 312);
const cheeseKey = encodeVariableMeasure(rule('28'), '1001', 0);
const bottle = product('b', { name: 'Mate', depositProductId: 'd', barcodes: [{ id: '1', code: ean, kind: 'ean13', variantId: null }], prices: [{ variantId: null, price: 290 }] });
const deposit = product('d', { name: 'Pfand', prices: [{ variantId: null, price: 8 }] });
const cheese = product('c', { name: 'Bergkäse', unit: 'kg', soldByWeight: true, taxClass: 'reduced', barcodes: [{ id: '2', code: cheeseKey, kind: 'variable_weight', variantId: null }], prices: [{ variantId: null, price: 2990 }] });
const banana = product('n', { name: 'Banane', taxClass: 'reduced', barcodes: [{ id: '3', code: '4011', kind: 'plu', variantId: null }] });
const taxClasses = [
  { id: 'DE:standard', country: 'DE', code: 'standard', name: 'Standard', rateBp: 1900 },
  { id: 'DE:reduced', country: 'DE', code: 'reduced', name: 'Reduced', rateBp: 700 },
];
const index = () => buildIndex({ products: [bottle, deposit, cheese, banana], categories: [], taxClasses, modifierGroups: [], promotions: [] });

describe('catalog index', () => {
  it('resolves EANs, scale labels with their weight, PLUs and SKUs locally', () => {
    const i = index();
    expect(resolveCode(i, ean, config)).toMatchObject({ ok: true, product: { id: 'b' }, qty: 1000 });
    expect(resolveCode(i, cheeseLabel, config)).toMatchObject({ ok: true, product: { id: 'c' }, qty: 312 });
    expect(resolveCode(i, '4011', config)).toMatchObject({ ok: true, product: { id: 'n' }, qty: 1000 });
    expect(resolveCode(i, 'sku-n', config)).toMatchObject({ ok: true, product: { id: 'n' } });
    expect(resolveCode(i, withCheckDigit('400000000001'), config)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('follows the change feed: a removed product no longer scans, an updated one scans with its new code', () => {
    const i = index();
    removeProducts(i, ['n']);
    expect(resolveCode(i, '4011', config)).toMatchObject({ ok: false });
    putProducts(i, [{ ...bottle, barcodes: [{ id: '9', code: '4012', kind: 'plu', variantId: null }] }]);
    expect(resolveCode(i, ean, config)).toMatchObject({ ok: false });
    expect(resolveCode(i, '4012', config)).toMatchObject({ ok: true, product: { id: 'b' } });
  });

  it('finds products by name regardless of accents and case', () => {
    expect(searchProducts(index(), 'bergkase').map((p) => p.id)).toEqual(['c']);
  });

  it('turns a price label into the exact weight when one exists', () => {
    expect(qtyForEmbeddedPrice(1690, 169)).toBe(100);
    expect(qtyForEmbeddedPrice(1000, 333)).toBe(333);
  });
});

describe('local pricing', () => {
  it('adds the deposit of a bottle, weighs cheese and applies the VAT per rate like the server', () => {
    const r = priceCart(index(), store, { id: 'x', lines: [{ id: 'l1', productId: 'b', variantId: null, qty: 2000, modifierOptionIds: [] }, { id: 'l2', productId: 'c', variantId: null, qty: 312, modifierOptionIds: [] }] }, new Date('2026-11-27T10:00:00Z'));
    if (!r.ok) throw r.error;
    expect(r.basket.lines.map((l) => [l.id, l.total])).toEqual([
      ['l1', 580],
      ['l1:deposit', 16],
      ['l2', 933],
    ]);
    expect(r.basket.totals.payable).toBe(1529);
    expect(r.basket.vat.map((v) => v.rateBp).sort()).toEqual([1900, 700]);
  });

  it('reports an unknown product instead of pricing it at zero', () => {
    const r = priceCart(index(), store, { id: 'x', lines: [{ id: 'l1', productId: 'gone', variantId: null, qty: 1000, modifierOptionIds: [] }] }, new Date());
    expect(r.ok).toBe(false);
  });
});
