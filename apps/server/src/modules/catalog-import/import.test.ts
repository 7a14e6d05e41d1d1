import { withCheckDigit } from '@opentill/core';
import { expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';

const ean = (n: number) => withCheckDigit(`40123450${String(n).padStart(4, '0')}`);
const wrongEan = (n: number) => {
  const good = ean(n);
  return good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
};

const HEADER = 'sku,name,price,tax_class,unit,category,barcodes,cost_price,variant_sku,variant_options,description,status,deposit_sku';

describeEachDb('catalog CSV import and export', (target) => {
  const h = useHarness(target);
  const url = (q: string) => `/api/v1/catalog/import?storeId=${h.demo.storeId}&${q}`;

  async function productBySku(sku: string) {
    return h.database.db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();
  }

  it('reports every bad row with row, column and reason, and imports nothing', async () => {
    const owner = await h.login();
    const csv = [
      HEADER,
      `IMP-1,Roggenbrot,3.20,reduced,piece,Bäckerei/Brot,${ean(1)},1.10,,,,,`,
      `IMP-2,Schrippe,-0.45,reduced,piece,Bäckerei/Brötchen,,,,,,,`,
      `IMP-3,Gouda,19.90,reduced,kg,Käse,${wrongEan(3)},,,,,,`,
      `IMP-4,Limo,1.50,luxury,piece,Getränke,,,,,,,`,
      `IMP-5,Tasse,"7,5",standard,piece,Shop,${ean(1)},,,,,,`,
      `IMP-6,Teller,7.5.0,standard,piece,Shop,,,,,,,`,
    ].join('\n');
    const before = await h.count('products');
    const dry = await h.req({ method: 'POST', url: url('dryRun=true'), token: owner, body: { csv } });
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ dryRun: true, total: 6, valid: 1, invalid: 5, imported: 0 });
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'price'],
      [4, 'barcodes'],
      [5, 'tax_class'],
      [6, 'barcodes'],
      [7, 'price'],
    ]);
    expect(report.errors[0].reason).toMatch(/negative/);
    // Stable codes (with parameters) let the back office translate every reason.
    expect(report.errors.map((e: { code: string }) => e.code)).toEqual(['negative', 'invalid_barcode', 'unknown_tax_class', 'barcode_duplicate', 'invalid_price']);
    expect(report.errors[1].params).toMatchObject({ code: wrongEan(3), reason: 'check_digit' });
    expect(report.errors[3].params).toMatchObject({ code: ean(1), row: 2 });
    expect(report.errors[3].reason).toMatch(/row 2/);
    const real = await h.req({ method: 'POST', url: url('dryRun=false'), token: owner, body: { csv } });
    expect(real.json()).toMatchObject({ imported: 0, invalid: 5 });
    expect(await h.count('products')).toBe(before);

    const skip = await h.req({ method: 'POST', url: url('skipInvalid=true'), token: owner, body: { csv } });
    expect(skip.json()).toMatchObject({ imported: 1, created: 1 });
    expect(await h.count('products')).toBe(before + 1);
    const bread = await productBySku('IMP-1');
    expect(bread).toMatchObject({ name: 'Roggenbrot', tax_class: 'reduced', cost_price: 110 });
  });

  it('imports variants, weighed goods and deposits, updates by SKU on re-import, and exports what it imports', async () => {
    const owner = await h.login();
    const csv = [
      HEADER,
      `PFAND-25,Pfand 0.25,0.25,standard,piece,,,,,,,,`,
      `WATER-1,Mineralwasser 0.5 l,1.19,standard,piece,Getränke,${ean(11)},,,,,,PFAND-25`,
      `CHEESE-1,Bergkäse,23.90,reduced,kg,Käse,,,,,,,`,
      `TEE-1,OpenTill T-Shirt,19.00,standard,piece,Shop,,,TEE-1-S,size=S;colour=blue,,,`,
      `TEE-1,OpenTill T-Shirt,19.00,standard,piece,Shop,${ean(12)},,TEE-1-M,size=M;colour=blue,,,`,
      `TEE-1,OpenTill T-Shirt,21.00,standard,piece,Shop,,,TEE-1-XL,size=XL;colour=blue,,,`,
    ].join('\r\n');
    const res = await h.req({ method: 'POST', url: url(''), token: owner, body: { csv } });
    expect(res.json()).toMatchObject({ errors: [], imported: 6, created: 4, updated: 0 });
    const water = await productBySku('WATER-1');
    const pfand = await productBySku('PFAND-25');
    expect(water!.deposit_product_id).toBe(pfand!.id);
    expect((await productBySku('CHEESE-1'))!.sold_by_weight).toBe(1);
    const tee = await productBySku('TEE-1');
    const variants = await h.database.db.selectFrom('variants').selectAll().where('product_id', '=', tee!.id).orderBy('sort_order').execute();
    expect(variants.map((v) => [v.sku, JSON.parse(v.options)])).toEqual([
      ['TEE-1-S', { size: 'S', colour: 'blue' }],
      ['TEE-1-M', { size: 'M', colour: 'blue' }],
      ['TEE-1-XL', { size: 'XL', colour: 'blue' }],
    ]);
    const xl = await h.database.db.selectFrom('store_prices').select('price').where('variant_id', '=', variants[2]!.id).executeTakeFirstOrThrow();
    expect(xl.price).toBe(2100);

    // Re-import with a new price: the product is updated, not duplicated, and the change feed moves.
    const seqBefore = (await h.database.db.selectFrom('catalog_seq').select('value').executeTakeFirstOrThrow()).value;
    const again = await h.req({ method: 'POST', url: url(''), token: owner, body: { csv: `${HEADER}\nWATER-1,Mineralwasser 0.5 l,1.29,standard,piece,Getränke,${ean(11)},,,,,,PFAND-25\n` } });
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    const price = await h.database.db.selectFrom('store_prices').select('price').where('product_id', '=', water!.id).where('variant_key', '=', '').executeTakeFirstOrThrow();
    expect(price.price).toBe(129);
    const seqAfter = (await h.database.db.selectFrom('catalog_seq').select('value').executeTakeFirstOrThrow()).value;
    expect(Number(seqAfter)).toBe(Number(seqBefore) + 1);

    const exported = await h.req({ method: 'GET', url: `/api/v1/catalog/export?storeId=${h.demo.storeId}`, token: owner });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.body.split('\r\n')[0]).toBe(HEADER);
    expect(exported.body).toContain(`WATER-1,Mineralwasser 0.5 l,1.29,standard,piece,Getränke,${ean(11)},,,,,active,PFAND-25`);
    expect(exported.body).toContain('TEE-1,OpenTill T-Shirt,21.00,standard,piece,Shop,,,TEE-1-XL,size=XL;colour=blue,,active,');

    // Exported files re-import as a no-op update (same rows, no errors, nothing created).
    const roundTrip = await h.req({ method: 'POST', url: url('dryRun=true'), token: owner, body: { csv: exported.body } });
    expect(roundTrip.json().errors).toEqual([]);
  });

  it('refuses malformed CSV, unknown columns and an empty file with 400 naming the problem', async () => {
    const owner = await h.login();
    const broken = await h.req({ method: 'POST', url: url('dryRun=true'), token: owner, body: { csv: `${HEADER}\nX,"unclosed,1.00,standard` } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatchObject({ code: 'malformed_csv', details: { row: 2 } });
    const unknown = await h.req({ method: 'POST', url: url('dryRun=true'), token: owner, body: { csv: 'sku,name,price,tax_class,colour\nA,B,1.00,standard,red\n' } });
    expect(unknown.json().errors).toEqual([{ row: 1, column: 'colour', code: 'unknown_column', reason: 'unknown column' }]);
    const empty = await h.req({ method: 'POST', url: url('dryRun=true'), token: owner, body: { csv: HEADER } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('empty_csv');
  });

  it('needs catalog.write to import and catalog.read to export', async () => {
    const device = await h.pair();
    const chris = (await h.pinLogin(device, '1234')).json().token;
    const res = await h.req({ method: 'POST', url: url('dryRun=true'), token: chris, device, body: { csv: `${HEADER}\nA,B,1.00,standard,,,,,,,,,` } });
    expect(res.statusCode).toBe(403);
    const exp = await h.req({ method: 'GET', url: `/api/v1/catalog/export?storeId=${h.demo.storeId}`, token: chris, device });
    expect(exp.statusCode).toBe(200);
  });
});
