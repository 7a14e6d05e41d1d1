import { expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { catalogCounts, freshEan, uniqueSku, wrongCheckDigit } from './catalog-test-kit.js';

describeEachDb('catalog: products, variants, barcodes, prices', (target) => {
  const h = useHarness(target);
  const api = '/api/v1/catalog';

  const newProduct = (over: Record<string, unknown> = {}) => ({
    sku: uniqueSku('P'),
    name: 'Test Roggenbrot',
    taxClass: 'reduced',
    barcodes: [{ code: freshEan() }],
    prices: [{ storeId: h.demo.storeId, price: 399 }],
    ...over,
  });

  it('creates, reads, updates and archives a product, auditing each write', async () => {
    const owner = await h.login();
    const created = await h.req({ method: 'POST', url: `${api}/products`, token: owner, body: newProduct({ costPrice: 120, description: 'Kräftig' }) });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ name: 'Test Roggenbrot', taxClass: 'reduced', unit: 'piece', status: 'active', costPrice: 120, prices: [{ storeId: h.demo.storeId, price: 399, currency: 'EUR' }] });
    expect(p.barcodes[0]).toMatchObject({ kind: 'ean13' });

    const got = await h.req({ method: 'GET', url: `${api}/products/${p.id}`, token: owner });
    expect(got.json()).toEqual(p);

    const patched = await h.req({ method: 'PATCH', url: `${api}/products/${p.id}`, token: owner, body: { name: 'Roggenmischbrot', taxClass: 'standard' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'Roggenmischbrot', taxClass: 'standard' });

    const archived = await h.req({ method: 'DELETE', url: `${api}/products/${p.id}`, token: owner });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().status).toBe('archived');
    // Never hard-deleted: still readable, and writes to its parts are refused.
    expect((await h.req({ method: 'GET', url: `${api}/products/${p.id}`, token: owner })).json().status).toBe('archived');
    const addCode = await h.req({ method: 'POST', url: `${api}/products/${p.id}/barcodes`, token: owner, body: { code: freshEan() } });
    expect(addCode.statusCode).toBe(409);
    expect(addCode.json().error.code).toBe('product_archived');

    const audit = (await h.req({ method: 'GET', url: '/api/v1/audit?action=catalog.*&limit=500', token: owner })).json().items as { action: string; entity: { id: string } | null; before: unknown; after: unknown }[];
    const mine = audit.filter((a) => a.entity?.id === p.id).map((a) => a.action);
    expect(mine).toEqual(expect.arrayContaining(['catalog.product.create', 'catalog.product.update', 'catalog.product.archive']));
    const update = audit.find((a) => a.entity?.id === p.id && a.action === 'catalog.product.update')!;
    expect(update.before).toMatchObject({ name: 'Test Roggenbrot' });
    expect(update.after).toMatchObject({ name: 'Roggenmischbrot' });
  });

  it('creates variants (size × colour) with their own SKUs, barcodes and prices', async () => {
    const owner = await h.login();
    const sku = uniqueSku('SHIRT');
    const res = await h.req({
      method: 'POST',
      url: `${api}/products`,
      token: owner,
      body: newProduct({
        sku,
        name: 'Test Shirt',
        taxClass: 'standard',
        barcodes: [],
        prices: [{ storeId: h.demo.storeId, price: 1990 }],
        variants: [
          { sku: `${sku}-S`, options: { size: 'S', colour: 'Black' }, barcodes: [{ code: freshEan() }] },
          { sku: `${sku}-XL`, options: { size: 'XL', colour: 'Black' }, barcodes: [{ code: freshEan() }], prices: [{ storeId: h.demo.storeId, price: 2190 }] },
        ],
      }),
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.variants.map((v: { name: string; options: object }) => [v.name, v.options])).toEqual([
      ['S / Black', { size: 'S', colour: 'Black' }],
      ['XL / Black', { size: 'XL', colour: 'Black' }],
    ]);
    expect(p.barcodes.filter((b: { variantId: string | null }) => b.variantId).length).toBe(2);
    const m = await h.req({ method: 'POST', url: `${api}/products/${p.id}/variants`, token: owner, body: { sku: `${sku}-M`, options: { size: 'M', colour: 'Black' } } });
    expect(m.statusCode).toBe(201);
    const renamed = await h.req({ method: 'PATCH', url: `${api}/variants/${m.json().id}`, token: owner, body: { name: 'Medium' } });
    expect(renamed.json()).toMatchObject({ name: 'Medium', status: 'active' });
    const dupe = await h.req({ method: 'POST', url: `${api}/products/${p.id}/variants`, token: owner, body: { sku: `${sku}-S`, options: { size: 'S' } } });
    expect(dupe.statusCode).toBe(409);
    expect(dupe.json().error).toMatchObject({ code: 'sku_taken', details: { field: 'body.sku' } });
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const owner = await h.login();
    const existing = (await h.req({ method: 'POST', url: `${api}/products`, token: owner, body: newProduct() })).json();
    const before = await catalogCounts(h);
    const cases: [string, Record<string, unknown>, number, string, string][] = [
      ['wrong check digit', newProduct({ barcodes: [{ code: wrongCheckDigit(freshEan()) }] }), 400, 'invalid_barcode', 'body.barcodes.0.code'],
      ['impossible length', newProduct({ barcodes: [{ code: '1234567' }] }), 400, 'invalid_barcode', 'body.barcodes.0.code'],
      ['duplicate barcode', newProduct({ barcodes: [{ code: existing.barcodes[0].code }] }), 409, 'barcode_taken', 'body.barcodes.0.code'],
      ['same barcode twice', (() => { const c = freshEan(); return newProduct({ barcodes: [{ code: c }, { code: c }] }); })(), 409, 'barcode_taken', 'body.barcodes.1.code'],
      ['duplicate barcode on a variant', newProduct({ variants: [{ sku: uniqueSku(), options: { size: 'S' }, barcodes: [{ code: existing.barcodes[0].code }] }] }), 409, 'barcode_taken', 'body.variants.0.barcodes.0.code'],
      ['duplicate sku', newProduct({ sku: existing.sku }), 409, 'sku_taken', 'body.sku'],
      ['unknown tax class', newProduct({ taxClass: 'luxury' }), 400, 'unknown_tax_class', 'body.taxClass'],
      ['negative price', newProduct({ prices: [{ storeId: h.demo.storeId, price: -1 }] }), 400, 'validation_failed', 'body.prices.0.price'],
      ['fractional price', newProduct({ prices: [{ storeId: h.demo.storeId, price: 1.5 }] }), 400, 'validation_failed', 'body.prices.0.price'],
      ['negative cost price', newProduct({ costPrice: -5 }), 400, 'validation_failed', 'body.costPrice'],
      ['unknown category', newProduct({ categoryId: '01900000-0000-7000-8000-000000000000' }), 404, 'not_found', 'body.categoryId'],
      ['unknown store in prices', newProduct({ prices: [{ storeId: '01900000-0000-7000-8000-000000000000', price: 100 }] }), 404, 'not_found', 'body.prices.0.storeId'],
      ['weighed by the piece', newProduct({ soldByWeight: true }), 400, 'invalid_unit', 'body.unit'],
    ];
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [label, body, status, code, field] of cases) {
      const res = await h.req({ method: 'POST', url: `${api}/products`, token: owner, body });
      const e = res.json().error;
      actual[label] = `${res.statusCode} ${e?.code} ${e?.details?.field ?? e?.details?.fields?.[0]?.field}`;
      expected[label] = `${status} ${code} ${field}`;
    }
    expect(actual).toEqual(expected);
    const bad = await h.req({ method: 'POST', url: `${api}/products`, token: owner, body: newProduct({ barcodes: [{ code: wrongCheckDigit(freshEan()) }] }) });
    expect(bad.json().error.details.reason).toBe('check_digit');
    const negative = await h.req({ method: 'PUT', url: `${api}/products/${existing.id}/prices`, token: owner, body: { storeId: h.demo.storeId, price: -100 } });
    expect(negative.json().error.details.fields[0].field).toBe('body.price');
    expect(await catalogCounts(h)).toEqual(before);
  });

  it('sets, changes and removes store prices; a variant falls back to the product price', async () => {
    const owner = await h.login();
    const p = (await h.req({ method: 'POST', url: `${api}/products`, token: owner, body: newProduct() })).json();
    const put = (body: object) => h.req({ method: 'PUT', url: `${api}/products/${p.id}/prices`, token: owner, body });
    expect((await put({ storeId: h.demo.storeId, price: 449 })).json()).toMatchObject({ price: 449, currency: 'EUR', variantId: null });
    expect((await h.req({ method: 'GET', url: `${api}/products/${p.id}?storeId=${h.demo.storeId}`, token: owner })).json().prices).toMatchObject([{ price: 449 }]);
    expect((await put({ storeId: h.demo.storeId, price: null })).json().price).toBeNull();
    expect((await h.req({ method: 'GET', url: `${api}/products/${p.id}`, token: owner })).json().prices).toEqual([]);
  });

  it('searches by name, SKU and barcode prefix with stable paging', async () => {
    const owner = await h.login();
    const tag = `zz${Date.now().toString(36)}`;
    const made: { id: string; sku: string; barcodes: { code: string }[] }[] = [];
    for (let i = 0; i < 7; i++) {
      made.push((await h.req({ method: 'POST', url: `${api}/products`, token: owner, body: newProduct({ name: `${tag} Brot ${i}`, sku: uniqueSku(`${tag}S${i}`) }) })).json());
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { items: { id: string; name: string }[]; nextCursor: string | null } = (
        await h.req({ method: 'GET', url: `${api}/products?q=${tag.toUpperCase()}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, token: owner })
      ).json();
      expect(res.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.items.map((x) => x.id));
      cursor = res.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((m) => m.id));
    const bySku = (await h.req({ method: 'GET', url: `${api}/products?q=${encodeURIComponent(made[2]!.sku.toLowerCase())}`, token: owner })).json().items;
    expect(bySku.map((x: { id: string }) => x.id)).toEqual([made[2]!.id]);
    const code = made[4]!.barcodes[0]!.code;
    const byCode = (await h.req({ method: 'GET', url: `${api}/products?q=${code.slice(0, 12)}`, token: owner })).json().items;
    expect(byCode.map((x: { id: string }) => x.id)).toContain(made[4]!.id);
    const wild = await h.req({ method: 'GET', url: `${api}/products?q=${encodeURIComponent('%')}`, token: owner });
    expect(wild.json().items).toEqual([]);
    const badCursor = await h.req({ method: 'GET', url: `${api}/products?cursor=abc`, token: owner });
    expect(badCursor.json().error).toMatchObject({ code: 'invalid_cursor', details: { field: 'querystring.cursor' } });
  });

  it('keeps the category tree acyclic and deletes only empty categories', async () => {
    const owner = await h.login();
    const post = (body: object) => h.req({ method: 'POST', url: `${api}/categories`, token: owner, body });
    const root = (await post({ name: 'Root' })).json();
    const child = (await post({ name: 'Child', parentId: root.id })).json();
    const cycle = await h.req({ method: 'PATCH', url: `${api}/categories/${root.id}`, token: owner, body: { parentId: child.id } });
    expect(cycle.json().error).toMatchObject({ code: 'category_cycle', details: { field: 'body.parentId' } });
    await h.req({ method: 'POST', url: `${api}/products`, token: owner, body: newProduct({ categoryId: child.id }) });
    const del = await h.req({ method: 'DELETE', url: `${api}/categories/${child.id}`, token: owner });
    expect(del.json().error.code).toBe('category_not_empty');
    const leaf = (await post({ name: 'Leaf', parentId: root.id })).json();
    expect((await h.req({ method: 'DELETE', url: `${api}/categories/${leaf.id}`, token: owner })).statusCode).toBe(204);
  });

  it('checks permissions: cashiers read, only catalog.write changes, prices need the store', async () => {
    const owner = await h.login();
    const device = await h.pair();
    const cashier = (await h.pinLogin(device, '1234')).json().token;
    const read = await h.req({ method: 'GET', url: `${api}/products?limit=1`, token: cashier, device });
    expect(read.statusCode).toBe(200);
    const write = await h.req({ method: 'POST', url: `${api}/products`, token: cashier, device, body: newProduct() });
    expect(write.json().error.code).toBe('permission_denied');
    // Manager override by PIN on the register works for catalog writes too.
    const approved = await h.req({ method: 'POST', url: `${api}/products`, token: cashier, device, body: newProduct(), headers: { 'x-override-pin': '9999' } });
    expect(approved.statusCode).toBe(201);
    const anon = await h.req({ method: 'GET', url: `${api}/products` });
    expect(anon.statusCode).toBe(401);
    const taxes = (await h.req({ method: 'GET', url: `${api}/tax-classes`, token: owner })).json().items;
    expect(taxes).toEqual(expect.arrayContaining([expect.objectContaining({ country: 'DE', code: 'reduced', rateBp: 700 }), expect.objectContaining({ code: 'standard', rateBp: 1900 })]));
  });
});
