import { uuidv7 } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from './sales-test-kit.js';

describeEachDb('sales: complete sales, idempotency, numbering, price check', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let reg1 = '';
  let bread = { id: '', name: '' };
  let croissant = { id: '', name: '' };

  beforeAll(async () => {
    await k.init();
    [reg1] = h.demo.registerIds as [string];
    await k.openShift(reg1);
    bread = await k.product('BROT-ROGGEN');
    croissant = await k.product('SG-CROISSANT');
  });

  it('records a cash sale with change, numbered by register and store', async () => {
    const lines = [{ productId: bread.id, qty: 1000 }, { productId: croissant.id, qty: 2000 }];
    const total = await k.quote(lines);
    const body = k.saleBody(reg1, lines, total, [{ id: uuidv7(), tender: 'cash', amount: total, tendered: 2000 }]);
    const res = await k.post('/sales', body);
    expect(res.statusCode, res.body).toBe(201);
    const sale = res.json();
    expect(sale).toMatchObject({ id: body.id, status: 'completed', kind: 'sale', total, registerSeq: body.registerSeq, receiptNo: body.receiptNo, priceSource: 'server', sequenceIssue: null });
    expect(sale.storeSeq).toBeGreaterThan(0);
    expect(sale.payments[0]).toMatchObject({ tender: 'cash', amount: total, tendered: 2000, change: 2000 - total });
    expect(sale.lines.reduce((s: number, l: { total: number }) => s + l.total, 0)).toBe(total);
    const got = await k.get(`/sales/${body.id}`);
    expect(got.json()).toEqual(sale);
  });

  it('is idempotent: the same request twice and concurrent duplicates record one sale with one answer', async () => {
    const lines = [{ productId: croissant.id, qty: 1000 }];
    const total = await k.quote(lines);
    const body = k.saleBody(reg1, lines, total);
    const before = await k.counts();
    const first = await k.post('/sales', body, { key: `key-${body.id}` });
    const second = await k.post('/sales', body, { key: `key-${body.id}` });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replay']).toBe('true');

    const body2 = k.saleBody(reg1, lines, total);
    const answers = await Promise.all(Array.from({ length: 8 }, () => k.post('/sales', body2)));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const after = await k.counts();
    expect(after.sales - before.sales).toBe(2);
    expect(after.sale_lines - before.sale_lines).toBe(2);
    expect(after.sale_payments - before.sale_payments).toBe(2);

    const reused = await k.post('/sales', { ...body, totals: { total: total + 1 } }, { key: `key-${body.id}` });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('refuses a total that disagrees with the server with price_mismatch and the difference; nothing written', async () => {
    const lines = [{ productId: bread.id, qty: 1000 }];
    const total = await k.quote(lines);
    const before = await k.counts();
    const res = await k.post('/sales', k.saleBody(reg1, lines, total - 10));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'price_mismatch', details: { field: 'body.totals.total', expected: total, received: total - 10, difference: -10 } });
    expect(await k.counts()).toEqual(before);
  });

  it("accepts the register's older catalog price only when a later catalog change explains it", async () => {
    const feed = await k.get(`/catalog/changes?storeId=${h.demo.storeId}&since=0&limit=1`);
    expect(feed.statusCode).toBe(200);
    const seqBefore = (await h.database.db.selectFrom('catalog_seq').select('value').executeTakeFirstOrThrow()).value;
    const rye = await k.product('BROT-SAUER');
    const oldTotal = await k.quote([{ productId: rye.id, qty: 1000 }]);
    const put = await h.req({ method: 'PUT', url: `/api/v1/catalog/products/${rye.id}/prices`, token: k.owner, body: { storeId: h.demo.storeId, price: oldTotal + 30 } });
    expect(put.statusCode, put.body).toBe(200);

    // Without naming its catalog version the register is refused…
    const plain = k.saleBody(reg1, [{ productId: rye.id, qty: 1000 }], oldTotal);
    expect((await k.post('/sales', plain)).json().error.code).toBe('price_mismatch');
    // …with catalogSeq and the unit price it used, the difference is explained by the later change.
    const offline = k.saleBody(reg1, [{ productId: rye.id, qty: 1000 }], oldTotal);
    const res = await k.post('/sales', { ...offline, catalogSeq: Number(seqBefore), lines: offline.lines.map((l) => ({ ...l, unitPrice: oldTotal })) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ total: oldTotal, priceSource: 'register', priceDifference: -30, catalogSeq: Number(seqBefore) });
    // A made-up price is not explained by any change of a different product.
    const bogus = k.saleBody(reg1, [{ productId: bread.id, qty: 1000 }], 1);
    const refused = await k.post('/sales', { ...bogus, catalogSeq: Number(seqBefore), lines: bogus.lines.map((l) => ({ ...l, unitPrice: 1 })) });
    expect(refused.json().error.code).toBe('price_mismatch');
  });

  it('reports gaps and duplicates in a register sequence without losing the duplicate sale', async () => {
    const reg = (await k.post(`/stores/${h.demo.storeId}/registers`, { name: `Seq ${Date.now()}` })).json().id as string;
    await k.openShift(reg);
    const lines = [{ productId: croissant.id, qty: 1000 }];
    const total = await k.quote(lines);
    const at = (seq: number) => ({ ...k.saleBody(reg, lines, total), registerSeq: seq, receiptNo: `K9-${seq}` });
    for (const seq of [1, 2, 4, 7]) expect((await k.post('/sales', at(seq))).statusCode).toBe(201);
    const dup = await k.post('/sales', at(4));
    expect(dup.statusCode).toBe(201);
    expect(dup.json()).toMatchObject({ registerSeq: 4, sequenceIssue: 'duplicate' });
    const report = await k.get(`/registers/${reg}/sequence-report`);
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ documents: 5, highest: 7, missing: [3, 5, 6], missingCount: 3, ok: false });
    expect(report.json().duplicates).toHaveLength(1);
    expect(report.json().duplicates[0].registerSeq).toBe(4);
  });

  it('splits tender across cash, card and voucher with a tip', async () => {
    const lines = [{ productId: bread.id, qty: 2000 }];
    const total = await k.quote(lines);
    const body = k.saleBody(reg1, lines, total, [
      { id: uuidv7(), tender: 'cash', amount: 100, tendered: 500 },
      { id: uuidv7(), tender: 'card', amount: total - 300, tip: 50, card: { brand: 'Visa', last4: '1234', authCode: 'A1', terminalRef: 'T-1' } },
      { id: uuidv7(), tender: 'voucher', amount: 150, voucherCode: 'GIFT-1' },
      { id: uuidv7(), tender: 'custom', customName: 'Essensbon', amount: 50 },
    ]);
    const res = await k.post('/sales', body);
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json().payments;
    expect(p.map((x: { amount: number }) => x.amount).reduce((a: number, b: number) => a + b, 0)).toBe(total);
    expect(p[0]).toMatchObject({ change: 400 });
    expect(p[1]).toMatchObject({ tip: 50, card: { brand: 'Visa', last4: '1234', authCode: 'A1', terminalRef: 'T-1' } });
  });

  it('answers bad input with a 4xx naming the field and writes nothing', async () => {
    const lines = [{ productId: bread.id, qty: 1000 }];
    const total = await k.quote(lines);
    const before = await k.counts();
    const cases: [object, number, string, string][] = [
      [{ ...k.saleBody(reg1, [{ productId: bread.id, qty: -1000 }], total) }, 400, 'validation_failed', 'body.lines.0.qty'],
      [k.saleBody(reg1, lines, total, [{ id: uuidv7(), tender: 'cash', amount: total - 1 }]), 400, 'payments_mismatch', 'body.payments'],
      [k.saleBody(reg1, [{ productId: uuidv7(), qty: 1000 }], total), 404, 'not_found', 'body.lines.0.productId'],
      [k.saleBody(reg1, lines, total, [{ id: uuidv7(), tender: 'card', amount: total }]), 400, 'card_details_required', 'body.payments.0.card'],
      [{ ...k.saleBody(reg1, lines, total), registerId: uuidv7() }, 404, 'not_found', 'body.registerId'],
      [{ ...k.saleBody(reg1, lines, total), cardNumber: '4111111111111111' }, 400, 'validation_failed', 'body'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await k.post('/sales', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(JSON.stringify(res.json().error)).toContain(field);
    }
    await k.closeShift(reg1);
    const closed = await k.post('/sales', k.saleBody(reg1, lines, total));
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('shift_closed');
    await k.openShift(reg1);
    expect(await k.counts()).toEqual(before);
  });
});
