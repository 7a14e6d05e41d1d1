import { GERMAN_VARIABLE_MEASURE_RULES, GS, encodeVariableMeasure, lineAmount, priceBasket, type PricingInput, type Promotion } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { freshEan, productBySku, uniqueSku, wrongCheckDigit } from './catalog-test-kit.js';

const rule = (prefix: string) => GERMAN_VARIABLE_MEASURE_RULES.find((r) => r.prefix === prefix)!;

interface ProductJson {
  id: string;
  sku: string;
  name: string;
  categoryId: string | null;
  depositProductId: string | null;
  barcodes: { code: string; kind: string }[];
  variants: { id: string }[];
  modifierGroupIds: string[];
}

describeEachDb('catalog: scan lookup and basket quotes', (target) => {
  const h = useHarness(target);
  let owner = '';
  const get = async (sku: string) => (await h.req({ method: 'GET', url: `/api/v1/catalog/products/${(await productBySku(h, owner, sku)).id}`, token: owner })).json() as ProductJson;
  const lookup = (code: string, token = owner) => h.req({ method: 'GET', url: `/api/v1/catalog/lookup?storeId=${h.demo.storeId}&code=${encodeURIComponent(code)}`, token });
  const quote = (body: object, token = owner, headers: Record<string, string> = {}) =>
    h.req({ method: 'POST', url: '/api/v1/pricing/quote', token, body: { storeId: h.demo.storeId, ...body }, headers });

  beforeAll(async () => {
    owner = await h.login();
  });

  it('resolves an EAN-13 to product, quantity and store price', async () => {
    const mate = await get('GET-MATE');
    const res = await lookup(mate.barcodes[0]!.code);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      scan: { kind: 'gtin', format: 'ean13' },
      product: { id: mate.id, name: 'Club-Mate 0,5 l', taxRateBp: 1900, depositProductId: mate.depositProductId },
      variant: null,
      quantity: 1000,
      unitPrice: 290,
      amount: 290,
      currency: 'EUR',
    });
  });

  it('reads weight and price embedded in German in-store codes', async () => {
    const cheese = lookup(encodeVariableMeasure(rule('28'), '1001', 235));
    const weighed = (await cheese).json();
    expect(weighed).toMatchObject({ scan: { kind: 'variable_measure', measure: 'weight' }, product: { name: 'Bergkäse (kg)', taxRateBp: 700 }, quantity: 235, unitPrice: 2990 });
    expect(weighed.amount).toBe(lineAmount(2990, 235));
    const cake = (await lookup(encodeVariableMeasure(rule('22'), '2001', 347))).json();
    expect(cake).toMatchObject({ scan: { measure: 'price' }, product: { name: 'Blechkuchen nach Gewicht' }, quantity: 1000, embeddedPrice: 347, amount: 347 });
  });

  it('reads a GS1 DataMatrix with AI 01 + 3103 (net weight) and a PLU', async () => {
    const ean = freshEan();
    const created = await h.req({
      method: 'POST',
      url: '/api/v1/catalog/products',
      token: owner,
      body: { sku: uniqueSku('GOUDA'), name: 'Gouda am Stück', taxClass: 'reduced', unit: 'kg', soldByWeight: true, barcodes: [{ code: ean }], prices: [{ storeId: h.demo.storeId, price: 1800 }] },
    });
    expect(created.statusCode).toBe(201);
    const dm = (await lookup(`]d201${ean.padStart(14, '0')}3103000450${GS}10LOT42`)).json();
    expect(dm).toMatchObject({ scan: { kind: 'gs1', batch: 'LOT42' }, product: { name: 'Gouda am Stück' }, quantity: 450, unitPrice: 1800, amount: 810 });
    // The plain EAN of a weighed article needs the scale: no quantity.
    expect((await lookup(ean)).json()).toMatchObject({ quantity: null, amount: null });
    expect((await lookup('4011')).json()).toMatchObject({ scan: { kind: 'plu', plu: '4011' }, product: { name: 'Bio-Banane' }, quantity: 1000, unitPrice: 45 });
  });

  it('answers bad and unknown codes with a 4xx naming querystring.code', async () => {
    const mate = await get('GET-MATE');
    const wrong = await lookup(wrongCheckDigit(mate.barcodes[0]!.code));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_barcode', details: { field: 'querystring.code', reason: 'check_digit' } });
    expect((await lookup('123456789')).json().error.details.reason).toBe('length');
    const unknown = await lookup(freshEan());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'not_found', details: { field: 'querystring.code' } });
    const noStore = await h.req({ method: 'GET', url: `/api/v1/catalog/lookup?code=4011`, token: owner });
    expect(noStore.json().error).toMatchObject({ code: 'store_required', details: { field: 'querystring.storeId' } });
    // A register session knows its store.
    const device = await h.pair();
    const cashier = (await h.pinLogin(device, '1234')).json().token;
    const fromRegister = await h.req({ method: 'GET', url: '/api/v1/catalog/lookup?code=4011', token: cashier, device });
    expect(fromRegister.json().product.name).toBe('Bio-Banane');
  });

  it('prices a mixed 7 %/19 % basket with deposit, modifier and "3 for 5 €" exactly like the core', async () => {
    const [croissant, painChoc, cappuccino, mate] = await Promise.all(['SG-CROISSANT', 'SG-PAINCHOC', 'KAF-CAPPUCCINO', 'GET-MATE'].map(get));
    const groups = (await h.req({ method: 'GET', url: '/api/v1/catalog/modifier-groups', token: owner })).json().items as { id: string; options: { id: string; name: string; priceDelta: number }[] }[];
    const oat = groups.flatMap((g) => g.options).find((o) => o.name === 'Hafermilch')!;
    const cheeseCode = encodeVariableMeasure(rule('28'), '1001', 235);
    const at = '2026-11-28T10:00:00+01:00'; // a Saturday: no happy hour
    const res = await quote({
      at,
      lines: [
        { productId: croissant!.id, qty: 2000 },
        { productId: painChoc!.id, qty: 1000 },
        { productId: cappuccino!.id, modifierOptionIds: [oat.id] },
        { productId: mate!.id },
        { code: cheeseCode },
      ],
    });
    expect(res.statusCode).toBe(200);
    const q = res.json();

    // The same basket built by hand from the catalog, priced by the core.
    const categories = (await h.req({ method: 'GET', url: '/api/v1/catalog/categories', token: owner })).json().items as { id: string; parentId: string | null }[];
    const chain = (id: string | null): string[] => (id ? [id, ...chain(categories.find((c) => c.id === id)!.parentId)] : []);
    const promos = (await h.req({ method: 'GET', url: `/api/v1/catalog/promotions?storeId=${h.demo.storeId}`, token: owner })).json().items as (Promotion & { target: Promotion['target'] | null; conditions: Promotion['conditions'] | null })[];
    const cheese = (await lookup(cheeseCode)).json();
    const input: PricingInput = {
      settings: { currency: 'EUR', priceMode: 'gross', vatRounding: 'per_receipt', cashRounding: null, taxRatesBp: [1900, 700, 0] },
      lines: [
        { id: 'L1', productId: croissant!.id, categoryIds: chain(croissant!.categoryId), unitPrice: 190, milliQty: 2000, taxRateBp: 700 },
        { id: 'L2', productId: painChoc!.id, categoryIds: chain(painChoc!.categoryId), unitPrice: 220, milliQty: 1000, taxRateBp: 700 },
        { id: 'L3', productId: cappuccino!.id, categoryIds: chain(cappuccino!.categoryId), unitPrice: 350, milliQty: 1000, taxRateBp: 1900, modifiers: [{ id: oat.id, name: 'Hafermilch', priceDelta: 50 }] },
        { id: 'L4', productId: mate!.id, categoryIds: chain(mate!.categoryId), unitPrice: 290, milliQty: 1000, taxRateBp: 1900 },
        { id: 'L4:deposit', productId: mate!.depositProductId!, unitPrice: 8, milliQty: 1000, taxRateBp: 1900, depositFor: 'L4' },
        { id: 'L5', productId: cheese.product.id, categoryIds: chain(cheese.product.categoryId), unitPrice: 2990, milliQty: 235, taxRateBp: 700 },
      ],
      now: { iso: new Date(at).toISOString(), utcOffsetMinutes: 60 },
      promotions: promos.map(({ id, name, priority, exclusive, target, conditions, effect }) => ({ id, name, priority, exclusive, effect, ...(target && { target }), ...(conditions && { conditions }) })),
    };
    const expected = priceBasket(input);
    expect(q.totals).toEqual(expected.totals);
    expect(q.vat).toEqual(expected.vat);
    expect(q.promotionsApplied).toEqual(expected.promotionsApplied);
    expect(q.lines.map((l: { id: string; total: number }) => [l.id, l.total])).toEqual(expected.lines.map((l) => [l.id, l.total]));
    // And in plain numbers: 3 pastries for 5 €, 4.00 coffee, 2.90 + 0.08 Mate, 235 g cheese.
    expect(q.totals).toMatchObject({ payable: 500 + 400 + 290 + 8 + 703, depositTotal: 8, discountTotal: 100 });
    expect(q.vat.map((v: { rateBp: number; gross: number }) => [v.rateBp, v.gross]).sort()).toEqual([[1900, 698], [700, 1203]].sort());
    expect(q.promotionsApplied.map((p: { name: string }) => p.name)).toEqual(['3 für 5 € auf süßes Gebäck']);
    expect(q.lines.find((l: { id: string }) => l.id === 'L4:deposit')).toMatchObject({ isDeposit: true, name: 'Pfand Mehrweg 0,08 €', requestIndex: null });
  });

  it('applies the happy hour on a weekday afternoon (store time)', async () => {
    const cappuccino = await get('KAF-CAPPUCCINO');
    const q = (await quote({ at: '2026-11-27T15:30:00Z', lines: [{ productId: cappuccino.id }] })).json(); // Friday 16:30 in Berlin
    expect(q.totals.payable).toBe(280);
    expect(q.promotionsApplied[0].name).toMatch(/Happy Hour/);
    const evening = (await quote({ at: '2026-11-27T17:30:00Z', lines: [{ productId: cappuccino.id }] })).json();
    expect(evening.totals.payable).toBe(350);
  });

  it('needs sales.discount for discounts and sales.price.override for overrides (manager PIN works)', async () => {
    const croissant = await get('SG-CROISSANT');
    const device = await h.pair();
    const cashier = (await h.pinLogin(device, '1234')).json().token;
    const withDevice = (body: object, headers: Record<string, string> = {}) =>
      h.req({ method: 'POST', url: '/api/v1/pricing/quote', token: cashier, device, body, headers });
    const discounted = await withDevice({ lines: [{ productId: croissant.id, discount: { percentBp: 1000 } }] });
    expect(discounted.json().totals.payable).toBe(171);
    const override = await withDevice({ lines: [{ productId: croissant.id, priceOverride: 100 }] });
    expect(override.json().error.code).toBe('permission_denied');
    const approved = await withDevice({ lines: [{ productId: croissant.id, priceOverride: 100 }] }, { 'x-override-pin': '9999' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().totals.payable).toBe(100);
  });

  it('refuses bad quote lines naming the field', async () => {
    const shirt = await get('SHOP-SHIRT');
    const cheese = await get('FK-BERGKAESE');
    const cases: [string, object, string][] = [
      ['unknown product', { lines: [{ productId: '01900000-0000-7000-8000-000000000000' }] }, '404 not_found body.lines.0.productId'],
      ['variant required', { lines: [{ productId: shirt.id }] }, '400 variant_required body.lines.0.variantId'],
      ['weighed without qty', { lines: [{ productId: cheese.id }] }, '400 quantity_required body.lines.0.qty'],
      ['half a croissant', { lines: [{ productId: shirt.id, variantId: shirt.variants[0]!.id, qty: 500 }] }, '400 fractional_quantity body.lines.0.qty'],
      ['negative qty', { lines: [{ productId: cheese.id, qty: -5 }] }, '400 validation_failed body.lines.0.qty'],
      ['bad code', { lines: [{ code: '4006381333932' }] }, '400 invalid_barcode body.lines.0.code'],
      ['foreign modifier', { lines: [{ productId: cheese.id, qty: 100, modifierOptionIds: ['01900000-0000-7000-8000-000000000000'] }] }, '400 unknown_modifier body.lines.0.modifierOptionIds.0'],
    ];
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [label, body, want] of cases) {
      const res = await quote(body);
      const e = res.json().error;
      actual[label] = `${res.statusCode} ${e?.code} ${e?.details?.field ?? e?.details?.fields?.[0]?.field}`;
      expected[label] = want;
    }
    expect(actual).toEqual(expected);
    const ok = (await quote({ lines: [{ productId: shirt.id, variantId: shirt.variants[0]!.id }] })).json();
    expect(ok.totals.payable).toBe(2490);
  });

  it('prices with the catalog as it is now: a new price, a new variant and an archived product reach the next quote', async () => {
    // Pricing keeps the products it priced in memory; every catalog change must still show at once.
    const created = await h.req({
      method: 'POST',
      url: '/api/v1/catalog/products',
      token: owner,
      body: { sku: uniqueSku('CACHE'), name: 'Cache-Test Tee', taxClass: 'standard', prices: [{ storeId: h.demo.storeId, price: 500 }] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const payable = async () => {
      const res = await quote({ lines: [{ productId: id }] });
      return res.statusCode === 200 ? res.json().totals.payable : `${res.statusCode} ${res.json().error.code}`;
    };
    expect(await payable()).toBe(500);
    expect(await payable()).toBe(500);
    const repriced = await h.req({ method: 'PUT', url: `/api/v1/catalog/products/${id}/prices`, token: owner, body: { storeId: h.demo.storeId, price: 650 } });
    expect(repriced.statusCode).toBe(200);
    expect(await payable()).toBe(650);
    const variant = await h.req({ method: 'POST', url: `/api/v1/catalog/products/${id}/variants`, token: owner, body: { sku: uniqueSku('CACHE-L'), options: { size: 'L' } } });
    expect(variant.statusCode).toBe(201);
    expect(await payable()).toBe('400 variant_required');
    const variantId = variant.json().variants?.at(-1)?.id ?? variant.json().id;
    expect((await quote({ lines: [{ productId: id, variantId }] })).json().totals.payable).toBe(650);
    expect((await h.req({ method: 'DELETE', url: `/api/v1/catalog/products/${id}`, token: owner })).statusCode).toBe(200);
    expect(await payable()).toBe('409 product_archived');
  });
});

