import { uuidv7 } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from './sales-test-kit.js';

describeEachDb('sales: look a sale up by the QR code on its receipt', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let reg1 = '';
  let saleId = '';
  let receiptNo = '';
  let token = '';

  beforeAll(async () => {
    await k.init();
    [reg1] = h.demo.registerIds as [string];
    await k.openShift(reg1);
    const bread = await k.product('BROT-ROGGEN');
    const lines = [{ productId: bread.id, qty: 1000 }];
    const body = k.saleBody(reg1, lines, await k.quote(lines));
    const res = await k.post('/sales', body);
    expect(res.statusCode, res.body).toBe(201);
    saleId = body.id;
    receiptNo = body.receiptNo;
    const link = await k.post(`/sales/${saleId}/receipt-link`, undefined);
    expect(link.statusCode, link.body).toBe(200);
    token = link.json().token;
    expect(link.json().url).toContain(`/r/${token}`);
  });

  it('finds the sale for the cashier on a register of its store, by the token in the QR link', async () => {
    const { token: session } = await k.registerSession(reg1);
    const res = await k.get(`/sales/by-receipt-link/${token}`, session);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ id: saleId, receiptNo, kind: 'sale', status: 'completed' })]);
  });

  it('still finds it after the public link was revoked (the paper receipt is unchanged)', async () => {
    const revoke = await h.req({ method: 'DELETE', url: `/api/v1/receipt-links/${token}`, token: k.owner });
    expect(revoke.statusCode, revoke.body).toBe(204);
    const res = await k.get(`/sales/by-receipt-link/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: { id: string }) => s.id)).toEqual([saleId]);
  });

  it('answers unknown tokens with 404 and malformed ones with 400, changing nothing', async () => {
    const before = await h.count('receipt_links');
    const unknown = await k.get(`/sales/by-receipt-link/${'A'.repeat(27)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const malformed = await k.get('/sales/by-receipt-link/not%20a%20token');
    expect(malformed.statusCode).toBe(400);
    const anonymous = await h.req({ method: 'GET', url: `/api/v1/sales/by-receipt-link/${uuidv7()}` });
    expect(anonymous.statusCode).toBe(401);
    expect(await h.count('receipt_links')).toBe(before);
  });
});
