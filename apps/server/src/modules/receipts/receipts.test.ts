import { uuidv7 } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { systemContext, type RequestContext } from '../../platform/context.js';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from '../sales/sales-test-kit.js';
import { buildSaleReceipt, decodeEscPos, renderEscPos } from './index.js';

describeEachDb('receipts: sale receipts and digital receipt links', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let reg1 = '';
  let ctx: RequestContext;
  let saleId = '';
  let receiptNo = '';
  let otherSaleId = '';
  let otherReceiptNo = '';

  /** A completed cash sale: rye bread (7 %) and an apple spritzer (19 %) with its bottle deposit. */
  async function sell(tendered: number) {
    const bread = await k.product('BROT-ROGGEN');
    const spritzer = await k.product('GET-APFELSCHORLE');
    const lines = [
      { productId: bread.id, qty: 1000 },
      { productId: spritzer.id, qty: 2000 },
    ];
    const total = await k.quote(lines);
    const body = k.saleBody(reg1, lines, total, [{ id: uuidv7(), tender: 'cash', amount: total, tendered }]);
    const res = await k.post('/sales', body);
    expect(res.statusCode, res.body).toBe(201);
    return { id: body.id, receiptNo: body.receiptNo, total, lines: res.json().lines as { id: string; qty: number; total: number; depositFor: string | null }[] };
  }

  beforeAll(async () => {
    await k.init();
    [reg1] = h.demo.registerIds as [string];
    await k.openShift(reg1);
    ctx = systemContext(h.database.db, h.clock, h.demo.orgId);
    ({ id: saleId, receiptNo } = await sell(5000));
    ({ id: otherSaleId, receiptNo: otherReceiptNo } = await sell(2000));
  });

  const post = (url: string) => h.req({ method: 'POST', url: `/api/v1${url}`, token: k.owner });

  it('builds the receipt of a completed sale from the stored document', async () => {
    const doc = await buildSaleReceipt(ctx, saleId);
    expect(doc).toMatchObject({
      kind: 'sale',
      language: 'de',
      currency: 'EUR',
      copy: false,
      number: receiptNo,
      register: { name: 'Kasse 1' },
      cashier: 'Olivia Owner',
      store: { name: 'Demo Store Berlin', addressLines: ['Oranienstraße 25', '10999 Berlin'], vatId: 'DE123456789', taxNumber: '29/123/45678' },
      // START is 09:00 UTC: the store is in Europe/Berlin.
      localDate: '27.11.2026',
      localTime: '10:00:00',
      footer: ['Vielen Dank für Ihren Einkauf!'],
    });
    expect(doc.lines.map((l) => [l.name, l.rateLetter, l.deposit])).toEqual([
      ['Roggenbrot 1 kg', 'B', false],
      ['Apfelschorle 0,5 l', 'A', false],
      ['Pfand Einweg 0,25 €', 'A', true],
    ]);
    expect(doc.vat.map((v) => [v.letter, v.rateBp])).toEqual([
      ['A', 1900],
      ['B', 700],
    ]);
    expect(doc.vat.reduce((s, v) => s + v.gross, 0)).toBe(doc.totals!.total);
    expect(doc.vat.every((v) => v.net + v.tax === v.gross)).toBe(true);
    expect(doc.tenders).toEqual([expect.objectContaining({ tender: 'cash', amount: doc.totals!.total, tendered: 5000, change: 5000 - doc.totals!.total })]);
    expect(doc.change).toBe(5000 - doc.totals!.total);
    expect(doc.digitalReceiptUrl).toMatch(/^http:\/\/localhost:3000\/r\/[A-Za-z0-9_-]{27}$/);

    const printed = decodeEscPos(renderEscPos(await buildSaleReceipt(ctx, saleId, { copy: true }), { width: 80 }));
    expect(printed.lines.some((l) => l.includes('*** KOPIE ***'))).toBe(true);
    expect(printed.lines.some((l) => /^Pfand Einweg 0,25 € +0,50 A$/.test(l))).toBe(true);
    expect(printed.qrCodes).toEqual([doc.digitalReceiptUrl]);
  });

  it('builds a refund receipt: negative lines and the original receipt number', async () => {
    const sold = await sell(2000);
    const seq = k.nextSeq(reg1);
    const body = {
      id: uuidv7(),
      registerId: reg1,
      registerSeq: seq,
      receiptNo: `K1-R${seq}`,
      lines: [{ id: uuidv7(), originalLineId: sold.lines[0]!.id, qty: 1000 }],
      payments: [{ id: uuidv7(), tender: 'cash', amount: -sold.lines[0]!.total }],
    };
    const res = await k.post(`/sales/${sold.id}/refunds`, body);
    expect(res.statusCode, res.body).toBe(201);
    const doc = await buildSaleReceipt(ctx, body.id);
    expect(doc).toMatchObject({ kind: 'refund', number: body.receiptNo, originalNumber: sold.receiptNo, totals: { total: -sold.lines[0]!.total } });
    expect(doc.lines).toEqual([expect.objectContaining({ name: 'Roggenbrot 1 kg', qtyMilli: -1000, total: -sold.lines[0]!.total, rateLetter: 'B' })]);
    const text = decodeEscPos(renderEscPos(doc, { width: 80 })).lines;
    expect(text.some((l) => l.startsWith('RÜCKGABE'))).toBe(true);
    expect(text.some((l) => /^Zu Beleg +K1-\d+$/.test(l))).toBe(true);
  });

  it('refuses receipts of documents that are not completed', async () => {
    const open = await k.post('/sales/open', { id: uuidv7(), registerId: reg1, lines: [{ id: uuidv7(), productId: (await k.product('BROT-ROGGEN')).id, qty: 1000 }] });
    expect(open.statusCode).toBe(201);
    await expect(buildSaleReceipt(ctx, open.json().id)).rejects.toMatchObject({ kind: 'conflict', code: 'sale_not_completed' });
    const link = await post(`/sales/${open.json().id}/receipt-link`);
    expect(link.statusCode).toBe(409);
    expect(link.json().error.code).toBe('sale_not_completed');
    expect((await post(`/sales/${uuidv7()}/receipt-link`)).statusCode).toBe(404);
  });

  it('gives each sale one unguessable public link with the HTML receipt and a PDF', async () => {
    const first = await post(`/sales/${saleId}/receipt-link`);
    expect(first.statusCode).toBe(200);
    const { token, url } = first.json() as { token: string; url: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{27}$/); // 160 random bits
    expect(url).toBe(`http://localhost:3000/r/${token}`);
    expect((await post(`/sales/${saleId}/receipt-link`)).json()).toEqual({ token, url });
    // The receipt built for printing points its QR code at the same link.
    expect((await buildSaleReceipt(ctx, saleId)).digitalReceiptUrl).toBe(url);

    const page = await h.req({ method: 'GET', url: `/r/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:;.*frame-ancestors 'none'$/);
    expect(page.body).toContain(receiptNo);
    expect(page.body).toContain('Demo Store Berlin');
    expect(page.body).toContain(`href="/r/${token}/pdf"`);
    expect(page.body).not.toContain(otherReceiptNo);

    const pdf = await h.req({ method: 'GET', url: `/r/${token}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="receipt-${receiptNo}.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 404 for unknown and revoked links, and a new link can be made after revoking', async () => {
    const { token } = (await post(`/sales/${otherSaleId}/receipt-link`)).json() as { token: string };
    const before = await h.count('audit_log');
    for (const bad of ['x'.repeat(27), 'short', token.slice(0, 26), `${token}A`, '..%2F..%2Fapi%2Fv1%2Fstores']) {
      const res = await h.req({ method: 'GET', url: `/r/${bad}` });
      expect(res.statusCode, bad).toBe(404);
      expect(res.body).toContain('Receipt not found');
    }
    const revoke = await h.req({ method: 'DELETE', url: `/api/v1/receipt-links/${token}`, token: k.owner });
    expect(revoke.statusCode).toBe(204);
    expect(await h.count('audit_log')).toBe(before + 1);
    for (const url of [`/r/${token}`, `/r/${token}/pdf`]) expect((await h.req({ method: 'GET', url })).statusCode).toBe(404);
    // Revoking again changes nothing; an unknown token is a 404.
    expect((await h.req({ method: 'DELETE', url: `/api/v1/receipt-links/${token}`, token: k.owner })).statusCode).toBe(204);
    expect(await h.count('audit_log')).toBe(before + 1);
    expect((await h.req({ method: 'DELETE', url: `/api/v1/receipt-links/${'y'.repeat(27)}`, token: k.owner })).statusCode).toBe(404);

    const again = (await post(`/sales/${otherSaleId}/receipt-link`)).json() as { token: string };
    expect(again.token).not.toBe(token);
    expect((await h.req({ method: 'GET', url: `/r/${again.token}` })).statusCode).toBe(200);
    expect((await h.req({ method: 'GET', url: `/r/${token}` })).statusCode).toBe(404);
  });

  it('reaches nothing but its own receipt: the token is no credential and has no other routes', async () => {
    const { token } = (await post(`/sales/${saleId}/receipt-link`)).json() as { token: string };
    for (const url of [`/api/v1/sales/${saleId}`, '/api/v1/stores', '/api/v1/auth/me']) {
      expect((await h.req({ method: 'GET', url, token })).statusCode, url).toBe(401);
      expect((await h.req({ method: 'GET', url, headers: { cookie: `opentill_session=${token}` } })).statusCode, url).toBe(401);
    }
    for (const url of [`/r/${token}/json`, `/r/${token}/pdf/x`, `/r/${token}?saleId=${otherSaleId}`]) {
      const res = await h.req({ method: 'GET', url });
      expect(res.body, url).not.toContain(otherReceiptNo);
    }
    expect((await h.req({ method: 'GET', url: `/r/${token}/json` })).statusCode).toBe(404);
    expect((await h.req({ method: 'POST', url: `/r/${token}` })).statusCode).toBe(404);
  });
});
