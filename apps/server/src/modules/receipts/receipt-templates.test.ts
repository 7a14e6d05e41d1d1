import { randomUUID } from 'node:crypto';
import { uuidv7 } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { systemContext, type RequestContext } from '../../platform/context.js';
import { useHarness } from '../../test-support/harness.js';
import { must, uniqueName } from '../../test-support/matrix-fixtures.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from '../sales/sales-test-kit.js';
import { buildCashSlipReceipt, buildSaleReceipt, buildShiftReportReceipt, decodeEscPos, renderEscPos, renderReceiptText } from './index.js';
import { testLogo } from './receipt-test-docs.js';

describeEachDb('receipts: store templates, preview, shift reports and cash slips', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let ctx: RequestContext;
  let storeId = '';
  const url = () => `/api/v1/stores/${storeId}/receipt-template`;
  const put = (body: object) => h.req({ method: 'PUT', url: url(), token: k.owner, body });
  const get = (suffix = '') => h.req({ method: 'GET', url: `${url()}${suffix}`, token: k.owner });

  beforeAll(async () => {
    await k.init();
    storeId = h.demo.storeId;
    ctx = systemContext(h.database.db, h.clock, h.demo.orgId);
  });

  it('starts from defaults (store language, thank-you footer), then saves header, footer, logo and language', async () => {
    const initial = await get();
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ storeId, header: '', footer: 'Vielen Dank für Ihren Einkauf!', logoPng: null, language: 'de', saved: false, updatedAt: null });

    const logo = testLogo();
    const saved = await put({ header: 'Mo–Sa 7–18 Uhr\r\nTel. 030 1234567', footer: 'Bis bald!', logoPng: logo, language: 'de' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ header: 'Mo–Sa 7–18 Uhr\nTel. 030 1234567', footer: 'Bis bald!', logoPng: logo, language: 'de', saved: true });
    expect((await get()).json()).toEqual(saved.json());
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'receipts.template.update').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ header: 'Mo–Sa 7–18 Uhr\nTel. 030 1234567', logoBytes: Buffer.from(logo, 'base64').length, logo: { width: 40, height: 16 } });
  });

  it('refuses bad templates with a clear 400 and changes nothing', async () => {
    const before = (await get()).json();
    const cases: [object, string, string][] = [
      [{ header: '', footer: '', logoPng: 'bm90IGEgcG5n', language: 'de' }, 'invalid_logo', 'not a PNG'],
      [{ header: '', footer: '', logoPng: `${testLogo().slice(0, 60)}AAAA`, language: 'de' }, 'invalid_logo', 'cannot be decoded'],
      [{ header: '', footer: '', logoPng: 'data:image/png;base64,iVBORw0KGgo=', language: 'de' }, 'invalid_logo', 'base64'],
      [{ header: '', footer: '', logoPng: null, language: 'fr' }, 'validation_failed', 'language'],
      [{ header: 'a\u0007b', footer: '', logoPng: null, language: 'de' }, 'validation_failed', 'header'],
      [{ header: Array(10).fill('x').join('\n'), footer: '', logoPng: null, language: 'de' }, 'validation_failed', 'header'],
      [{ header: '', footer: 'x'.repeat(65), logoPng: null, language: 'de' }, 'validation_failed', 'footer'],
    ];
    for (const [body, code, hint] of cases) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.body).toContain(hint);
    }
    expect((await get()).json()).toEqual(before);
    expect((await h.req({ method: 'GET', url: `/api/v1/stores/${randomUUID()}/receipt-template`, token: k.owner })).statusCode).toBe(404);
  });

  it('previews the template as 58 mm and 80 mm ESC/POS, HTML, text and PDF', async () => {
    must(await put({ header: 'Mo–Sa 7–18 Uhr', footer: 'Bis bald!', logoPng: testLogo(), language: 'de' }), 200, 'PUT template');
    const p58 = await get('/preview?format=escpos-58');
    expect(p58.statusCode).toBe(200);
    const r58 = p58.json();
    expect(r58).toMatchObject({ format: 'escpos-58', width: 58, columns: 32, codepage: 'cp858', cuts: 1 });
    expect(r58.items[0]).toEqual({ kind: 'image', width: 40, height: 16 });
    const texts = (r58.items as { kind: string; text?: string }[]).filter((i) => i.kind === 'text').map((i) => i.text!);
    expect(texts.every((t) => t.length <= 32)).toBe(true);
    expect(texts.map((t) => t.trim())).toEqual(expect.arrayContaining(['Mo-Sa 7-18 Uhr', 'Bis bald!', 'Demo Store Berlin']));
    // The bytes are real ESC/POS: decoding them again gives the same lines.
    expect(decodeEscPos(Buffer.from(r58.bytes, 'base64')).lines).toEqual(texts);
    const p80 = (await get('/preview?format=escpos-80&codepage=windows1252')).json();
    expect(p80).toMatchObject({ width: 80, columns: 48, codepage: 'windows1252' });
    expect(p80.items.some((i: { kind: string }) => i.kind === 'qr')).toBe(true);

    const html = await get('/preview?format=html');
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(html.body).toContain('Mo–Sa 7–18 Uhr');
    expect(html.body).toContain('data:image/png;base64,');
    const text = await get('/preview?format=text');
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toContain('Bis bald!');
    const pdf = await get('/preview?format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get('/preview?format=png')).statusCode).toBe(400);
  });

  it('prints sale receipts with the saved template and language', async () => {
    must(await put({ header: 'Open daily', footer: 'See you soon!', logoPng: null, language: 'en' }), 200, 'PUT template');
    const [reg] = h.demo.registerIds as [string];
    await k.openShift(reg);
    const bread = await k.product('BROT-ROGGEN');
    const total = await k.quote([{ productId: bread.id, qty: 1000 }]);
    const body = k.saleBody(reg, [{ productId: bread.id, qty: 1000 }], total, [{ id: uuidv7(), tender: 'cash', amount: total, tendered: 1000 }]);
    must(await k.post('/sales', body), 201, 'POST /sales');
    const doc = await buildSaleReceipt(ctx, body.id);
    expect(doc).toMatchObject({ language: 'en', header: ['Open daily'], footer: ['See you soon!'], localDate: '27/11/2026' });
    const lines = decodeEscPos(renderEscPos(doc, { width: 80 })).lines;
    expect(lines.some((l) => /^TOTAL +€\d+\.\d\d$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Change +€\d+\.\d\d$/.test(l))).toBe(true);
    must(await put({ header: '', footer: '', logoPng: null, language: 'de' }), 200, 'PUT template');
  });

  it('prints X and Z reports and cash slips of a shift', async () => {
    const reg = await h.req({ method: 'POST', url: `/api/v1/stores/${storeId}/registers`, token: k.owner, body: { name: uniqueName('Report') } });
    const registerId = reg.json().id as string;
    const shiftId = randomUUID();
    must(await h.req({ method: 'POST', url: `/api/v1/registers/${registerId}/shifts`, token: k.owner, body: { id: shiftId, openingFloat: 10_000 } }), 201, 'open shift');
    const bread = await k.product('BROT-ROGGEN');
    const total = await k.quote([{ productId: bread.id, qty: 2000 }]);
    must(await k.post('/sales', k.saleBody(registerId, [{ productId: bread.id, qty: 2000 }], total)), 201, 'POST /sales');
    const movementId = randomUUID();
    must(await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/cash-movements`, token: k.owner, body: { id: movementId, kind: 'pay_out', amount: 1250, reason: 'Milch' } }), 201, 'pay out');

    const x = await buildShiftReportReceipt(ctx, shiftId, 'X');
    expect(x).toMatchObject({ kind: 'x_report', number: null, report: { sales: { count: 1, amount: total }, cash: { openingFloat: 10_000, payOut: 1250 }, expectedCash: 10_000 + total - 1250 } });
    await expect(buildShiftReportReceipt(ctx, shiftId, 'Z')).rejects.toMatchObject({ code: 'shift_open' });

    const slip = await buildCashSlipReceipt(ctx, movementId);
    expect(slip).toMatchObject({ kind: 'cash_out', cashier: 'Olivia Owner', cashSlip: { movement: 'pay_out', amount: 1250, reason: 'Milch' } });
    const slipText = renderReceiptText(slip, { columns: 32 });
    expect(slipText).toMatch(/ENTNAHME/);
    expect(slipText).toMatch(/Entnahme +12,50 €/);
    expect(slipText).toContain('Grund: Milch');

    const expected = 10_000 + total - 1250;
    must(await h.req({ method: 'POST', url: `/api/v1/shifts/${shiftId}/close`, token: k.owner, body: { countedCash: expected - 50 } }), 200, 'close shift');
    const z = await buildShiftReportReceipt(ctx, shiftId, 'Z');
    expect(z).toMatchObject({ kind: 'z_report', number: '1', report: { zNumber: 1, countedCash: expected - 50, overShort: -50, closedBy: 'Olivia Owner' } });
    expect(z.vat).toEqual([expect.objectContaining({ letter: 'B', rateBp: 700, gross: total })]);
    const zLines = decodeEscPos(renderEscPos(z, { width: 58 })).lines;
    expect(zLines.some((l) => /^Z-BERICHT +Z-Nr\. 1$/.test(l))).toBe(true);
    expect(zLines.some((l) => /^Differenz +-0,50 €$/.test(l))).toBe(true);
    await expect(buildShiftReportReceipt(ctx, randomUUID(), 'X')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(buildCashSlipReceipt(ctx, randomUUID())).rejects.toMatchObject({ kind: 'not_found' });
  });
});
