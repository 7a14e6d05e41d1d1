// Receipt rendering (issue 6), in process against the built server (apps/server/dist):
//   - 1,000 ESC/POS receipts for 80 mm paper (logo as raster image, native QR, cut)   target < 1 s
//   - the same for a long receipt (30 articles)
//   - 1,000 HTML receipts (inline QR SVG)
//   - 100 PDF receipts (pdfkit, logo, vector QR)
// Each figure is the median of several rounds; the first round warms up the JIT and the logo cache.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt } from './lib/server.mjs';
import { median } from './lib/stats.mjs';

export const name = 'receipts';
export const description = 'ESC/POS, HTML and PDF receipt rendering';


const STORE = {
  id: '0190a000-0000-7000-8000-000000000001',
  org_id: '0190a000-0000-7000-8000-000000000002',
  name: 'Demo Store Berlin',
  address_line1: 'Oranienstraße 25',
  address_line2: '',
  postal_code: '10999',
  city: 'Berlin',
  country: 'DE',
  vat_id: 'DE123456789',
  tax_number: '29/123/45678',
  currency: 'EUR',
  time_zone: 'Europe/Berlin',
  locale: 'de-DE',
};

/** A 192×64 logo PNG (frame and bar), as a store would upload it. */
async function logo(root) {
  const { PNG } = await import(pathToFileURL(join(root, 'node_modules/pngjs/lib/png.js')).href);
  const png = new PNG({ width: 192, height: 64 });
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 192; x++) {
      const ink = y < 5 || y > 58 || x < 5 || x > 186 || (y > 28 && y < 36 && x > 30 && x < 160);
      png.data.set(ink ? [0, 0, 0, 255] : [0, 0, 0, 0], (y * 192 + x) * 4);
    }
  }
  return PNG.sync.write(png).toString('base64');
}

/** Runs `fn` `count` times per round; returns the median round in ms. */
async function rounds(n, count, fn) {
  const times = [];
  for (let r = 0; r < n + 1; r++) {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await fn(i);
    if (r > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

export async function run(ctx) {
  await ensureServerBuilt(ctx.root, ctx.log);
  const receipts = await import(pathToFileURL(join(ctx.root, 'apps/server/dist/modules/receipts/index.js')).href);
  const template = { header: 'Mo–Sa 7–18 Uhr · Tel. 030 1234567', footer: 'Vielen Dank für Ihren Einkauf!', logoPng: await logo(ctx.root), language: 'de', saved: true };
  const doc = receipts.sampleSaleReceipt(STORE, template, '2026-11-27T13:05:09.000Z', 'https://kasse.example.de/r/q9TZ3vKxW2mB7nYcP4sLd8eRfGh');
  const long = { ...doc, lines: Array.from({ length: 6 }, () => doc.lines).flat() };
  const n = ctx.quick ? 2 : 7;
  const rows = [];

  // Distinct receipt numbers so nothing can be cached between receipts but the decoded logo.
  const numbered = (d, i) => ({ ...d, number: `K1-${String(i).padStart(6, '0')}` });
  let bytes = 0;
  const escpos = await rounds(n, 1000, (i) => {
    bytes += receipts.renderEscPos(numbered(doc, i), { width: 80, openDrawer: true }).length;
  });
  rows.push({ benchmark: '1,000 ESC/POS receipts, 80 mm (5 articles, logo, QR)', metric: 'median total', value: escpos, unit: 'ms', target: '< 1 s' });
  rows.push({ benchmark: '1,000 ESC/POS receipts, 80 mm (5 articles, logo, QR)', metric: 'size per receipt', value: bytes / (n + 1) / 1000, unit: 'bytes' });
  const escposLong = await rounds(n, 1000, (i) => receipts.renderEscPos(numbered(long, i), { width: 80 }));
  rows.push({ benchmark: '1,000 ESC/POS receipts, 80 mm (30 articles, logo, QR)', metric: 'median total', value: escposLong, unit: 'ms', target: '< 1 s' });
  const escpos58 = await rounds(n, 1000, (i) => receipts.renderEscPos(numbered(doc, i), { width: 58 }));
  rows.push({ benchmark: '1,000 ESC/POS receipts, 58 mm (5 articles, logo, QR)', metric: 'median total', value: escpos58, unit: 'ms', target: '< 1 s' });

  const html = await rounds(n, 1000, (i) => receipts.renderReceiptHtml(numbered(doc, i)));
  rows.push({ benchmark: '1,000 HTML receipts (5 articles, QR as SVG)', metric: 'median total', value: html, unit: 'ms' });

  const pdfRounds = ctx.quick ? 1 : 5;
  const pdf = await rounds(pdfRounds, 100, (i) => receipts.renderReceiptPdf(numbered(doc, i)));
  rows.push({ benchmark: '100 PDF receipts (5 articles, logo, QR)', metric: 'median total', value: pdf, unit: 'ms' });
  rows.push({ benchmark: '100 PDF receipts (5 articles, logo, QR)', metric: 'per PDF', value: pdf / 100, unit: 'ms' });
  ctx.log(`ESC/POS ${escpos.toFixed(0)} ms / 1000, PDF ${pdf.toFixed(0)} ms / 100`);
  return rows;
}
