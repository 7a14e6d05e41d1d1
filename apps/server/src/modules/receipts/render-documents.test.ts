import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { card, cash, germanLines, saleDoc, testLogo, URL, zReportDoc } from './receipt-test-docs.js';
import { RECEIPT_STYLE_HASH, renderReceiptHtml } from './render-html.js';
import { renderReceiptPdf } from './render-pdf.js';
import { renderReceiptText } from './render-text.js';
import { layoutReceipt, leftRight, wrap } from './receipt-layout.js';
import { createHash } from 'node:crypto';

/** The text drawn in a PDFKit file: content streams inflated, hex strings of the Courier (WinAnsi) glyphs decoded. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      for (const t of content.matchAll(/<([0-9a-f]+)>/g)) text += `${Buffer.from(t[1]!, 'hex').toString('latin1')}\n`;
    } catch {
      // Not a deflated content stream (e.g. an image): skip.
    }
  }
  return text.replace(/\x80/g, '€');
}

describe('HTML receipt', () => {
  it('shows the German sale: lines with rate letters, total, cash, change, VAT table, QR link and footer', () => {
    const html = renderReceiptHtml(saleDoc(germanLines, [cash(1348, 2000)]));
    expect(html).toMatch(/^<!doctype html><html lang="de">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(html).toContain('@media print{@page{size:80mm auto');
    for (const s of ['Bäckerei Körner', 'Roggenbrot 1 kg', '4,50', '+ Hafermilch', 'Rabatt', '-0,52', 'Pfand Einweg 0,25 €', 'Summe', '13,48 €', 'Bar', '20,00 €', 'Rückgeld', '6,52 €', 'MwSt', 'A 19 %', 'B 7 %', 'Digitaler Beleg', 'Vielen Dank für Ihren Einkauf!']) {
      expect(html).toContain(s);
    }
    expect(html).toContain('<svg'); // the QR code, inline
    expect(html).not.toMatch(/<script|style="/);
  });

  it('escapes every field: markup in names, header, cashier or card data is shown, never run', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const doc = saleDoc([{ name: `${evil}"'&`, qty: 1000, unit: 100, rateBp: 1900 }], [{ ...card(100), card: { brand: evil, last4: '4711', authCode: evil, terminalRef: evil, terminalTxId: evil } }], {
      cashier: evil,
      tpl: { header: evil, footer: evil },
      store: { name: evil, addressLines: [evil], vatId: evil, taxNumber: evil },
      number: evil,
    });
    const html = renderReceiptHtml(doc);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(renderReceiptHtml(doc, { pdfHref: '/r/x"><script>' })).not.toContain('"><script>');
  });

  it('carries the hash of its only inline style, so a strict CSP can allow exactly that', () => {
    const html = renderReceiptHtml(zReportDoc());
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(RECEIPT_STYLE_HASH).toBe(`sha256-${createHash('sha256').update(style).digest('base64')}`);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('marks copies and shows English labels', () => {
    const html = renderReceiptHtml(saleDoc(germanLines, [card(1348)], { copy: true, tpl: { language: 'en' } }));
    for (const s of ['lang="en"', 'COPY', 'Total', '€13.48', 'Card payment girocard **** 4711', 'Auth code', 'A12345', 'VAT']) expect(html).toContain(s);
  });
});

describe('plain text receipt', () => {
  it('is the printer layout with the link written out', () => {
    const text = renderReceiptText(saleDoc(germanLines, [cash(1348, 2000)]), { columns: 48 });
    const lines = text.split('\n');
    expect(lines.filter((l) => l.length > 48)).toEqual([URL]);
    expect(lines).toContain(`${'SUMME'.padEnd(41)}13,48 €`);
  });

  it('wraps long names and free text instead of cutting them off', () => {
    expect(leftRight('Sehr langer Artikelname mit vielen Wörtern', '12,34 A', 32)).toEqual(['Sehr langer Artikelname', 'mit vielen Wörtern       12,34 A']);
    expect(wrap('Öffnungszeiten: Montag bis Samstag', 16)).toEqual(['Öffnungszeiten:', 'Montag bis', 'Samstag']);
    const layout = layoutReceipt(saleDoc(germanLines, [cash(1348, 2000)], { logoPng: testLogo() }), 32);
    expect(layout[0]).toMatchObject({ kind: 'logo' });
    expect(layout.filter((i) => i.kind === 'qr')).toEqual([{ kind: 'qr', data: URL }]);
  });
});

describe('PDF receipt', () => {
  it('is one 80 mm page with the receipt text (€ included), logo and QR code', async () => {
    const pdf = await renderReceiptPdf(saleDoc(germanLines, [cash(1348, 2000)], { logoPng: testLogo() }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(raw).toMatch(/\/MediaBox \[0 0 226\.77\d* /);
    expect(raw).toMatch(/\/Subtype \/Image/); // the logo
    const text = pdfText(pdf);
    for (const s of ['Bäckerei Körner', 'SUMME', '13,48 €', 'Rückgeld', '6,52 €', 'A 19 %', 'Digitaler Beleg']) expect(text).toContain(s);
  });

  it('renders a Z report', async () => {
    const text = pdfText(await renderReceiptPdf(zReportDoc('en')));
    for (const s of ['Z REPORT', 'Z no. 3', 'Expected cash', '€100.00', 'Over/short', '-€0.50']) expect(text).toContain(s);
  });
});
