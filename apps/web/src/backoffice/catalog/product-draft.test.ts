import { describe, expect, it } from 'vitest';
import type { Product } from '../../lib/api/catalog-types';
import {
  createBody,
  draftFromProduct,
  emptyDraft,
  patchBody,
  priceChanges,
  validateDraft,
} from './product-draft';

const product: Product = {
  id: 'p1',
  sku: 'BREZEL',
  name: 'Brezel',
  description: '',
  categoryId: null,
  taxClass: 'reduced',
  unit: 'piece',
  soldByWeight: false,
  imageUrl: null,
  status: 'active',
  depositProductId: null,
  costPrice: 30,
  variants: [
    {
      id: 'v1',
      productId: 'p1',
      sku: 'BREZEL-XL',
      name: 'XL',
      options: { Size: 'XL' },
      status: 'active',
      sortOrder: 0,
    },
  ],
  barcodes: [],
  prices: [
    { storeId: 's1', variantId: null, price: 95, currency: 'EUR', updatedAt: '' },
    { storeId: 's2', variantId: null, price: 99, currency: 'EUR', updatedAt: '' },
  ],
  modifierGroupIds: [],
  createdAt: '',
  updatedAt: '',
};

describe('product draft', () => {
  it('reads the selected store price as text in the UI language', () => {
    const d = draftFromProduct(product, 's1', 'EUR', 'de');
    expect(d.price).toBe('0,95');
    expect(d.costPrice).toBe('0,30');
    expect(d.variantPrices).toEqual({ v1: '' });
  });

  it('sends only what changed, prices as exact minor units', () => {
    const before = draftFromProduct(product, 's1', 'EUR', 'de');
    expect(patchBody(before, before, 'EUR')).toBeNull();
    expect(priceChanges(before, before, 'EUR')).toEqual([]);
    const after = { ...before, name: 'Laugenbrezel ', price: '1,15', variantPrices: { v1: '1.35' } };
    expect(patchBody(before, after, 'EUR')).toEqual({ name: 'Laugenbrezel' });
    expect(priceChanges(before, after, 'EUR')).toEqual([
      { variantId: null, price: 115 },
      { variantId: 'v1', price: 135 },
    ]);
    expect(priceChanges(before, { ...before, price: '' }, 'EUR')).toEqual([{ variantId: null, price: null }]);
  });

  it('validates before sending, with the server field paths', () => {
    const d = { ...emptyDraft('standard'), price: '1,234', soldByWeight: true };
    expect(validateDraft(d, 'EUR', true).map((e) => `${e.field}:${e.code}`)).toEqual([
      'name:required',
      'sku:required',
      'unit:invalid_unit',
      'prices.0.price:too_precise',
    ]);
  });

  it('builds the create request with variants', () => {
    const d = {
      ...emptyDraft('standard'),
      name: 'Shirt',
      sku: 'SHIRT',
      price: '19,90',
      barcodes: ['4006381333931', ' '],
      variants: [
        { key: 'a', options: { Size: 'S' }, sku: 'SHIRT-S', barcode: '', price: '' },
        { key: 'b', options: { Size: 'M' }, sku: 'SHIRT-M', barcode: '', price: '21' },
      ],
    };
    const body = createBody(d, 's1', 'EUR');
    expect(body.prices).toEqual([{ storeId: 's1', price: 1990 }]);
    expect(body.barcodes).toEqual([{ code: '4006381333931' }]);
    expect(body.variants?.map((v) => v.prices)).toEqual([[], [{ storeId: 's1', price: 2100 }]]);
    expect(body.categoryId).toBeNull();
  });
});
