import { createHash } from 'node:crypto';
import type { ReceiptDocument } from './receipt-document.js';
import { labelsFor, money, moneyWithSymbol, quantity, rate, tenderLabel, titleOf, type ReceiptLabels } from './receipt-labels.js';
import { qrSvg } from './qr.js';
import { localDateTime } from './receipt-parts.js';

/**
 * A standalone HTML receipt for the screen, email and the public /r/<token> page: responsive (one
 * column up to 420 px), with a print stylesheet for the browser-print fallback (80 mm roll). Every
 * value from the database is escaped; the only markup not built here is the QR SVG (generated).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px 8px;background:#eef0f3;color:#111;font:14px/1.4 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.receipt{max-width:420px;margin:0 auto;background:#fff;padding:20px 18px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.c{text-align:center}.r{text-align:right}.b{font-weight:700}.muted{color:#555}.small{font-size:12px}
.logo{display:block;max-width:60%;max-height:120px;margin:0 auto 8px}
h1{font-size:20px;margin:0 0 2px}
.mark{margin:8px 0;padding:4px;border:2px solid #111;text-align:center;font-weight:700;letter-spacing:.1em}
hr{border:0;border-top:1px dashed #999;margin:10px 0}
table{width:100%;border-collapse:collapse}
td,th{padding:1px 0;vertical-align:top}
th{font-weight:600;text-align:left}
td.amt,th.amt{text-align:right;white-space:nowrap;padding-left:8px}
td.l{width:1.5em;text-align:right;color:#555}
.sub td{color:#555;font-size:12px;padding-left:12px}
.total td{font-size:18px;font-weight:700;padding-top:4px}
.meta td{font-size:13px}
.tenders{margin-top:6px}
.qr{display:block;margin:12px auto 0;width:132px;height:132px}
.fiscal{font-size:11px;word-break:break-all;color:#333}
@media (max-width:360px){body{padding:0}.receipt{border-radius:0;box-shadow:none;padding:12px}}
@media print{@page{size:80mm auto;margin:3mm}body{background:#fff;padding:0;font-size:11px}.receipt{max-width:none;box-shadow:none;border-radius:0;padding:0}.noprint{display:none}}
`;

/** CSP hash of the one inline <style>, so pages serving receipts need no 'unsafe-inline'. */
export const RECEIPT_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

function row(cells: string[], cls = ''): string {
  return `<tr${cls ? ` class="${cls}"` : ''}>${cells.join('')}</tr>`;
}
const td = (html: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${html}</td>`;

function head(doc: ReceiptDocument, L: ReceiptLabels, e: typeof escapeHtml): string {
  const ids = [doc.store.vatId && `${L.vatId} ${doc.store.vatId}`, doc.store.taxNumber && `${L.taxNumber} ${doc.store.taxNumber}`].filter(Boolean) as string[];
  return [
    doc.logoPng ? `<img class="logo" alt="" src="data:image/png;base64,${e(doc.logoPng)}">` : '',
    `<div class="c"><h1>${e(doc.store.name)}</h1>`,
    ...doc.store.addressLines.map((a) => `<div>${e(a)}</div>`),
    ...ids.map((i) => `<div class="small muted">${e(i)}</div>`),
    ...doc.header.map((h) => `<div>${e(h)}</div>`),
    '</div>',
    doc.copy ? `<div class="mark">${e(L.copy)}</div>` : '',
    doc.training ? `<div class="mark">${e(L.training)}</div>` : '',
    '<hr><table class="meta">',
    row([td(`<b>${e(titleOf(doc))}</b>`), td(doc.number ? e(`${doc.kind === 'z_report' ? L.zNumber : L.receiptNo} ${doc.number}`) : '', 'amt')]),
    doc.originalNumber ? row([td(e(L.original)), td(e(doc.originalNumber), 'amt')]) : '',
    row([td(e(`${L.date} ${doc.localDate}`)), td(e(`${L.time} ${doc.localTime}`), 'amt')]),
    row([td(e(`${L.register} ${doc.register.name}`)), td(doc.cashier ? e(`${L.cashier} ${doc.cashier}`) : '', 'amt')]),
    '</table><hr>',
  ].join('');
}

function sale(doc: ReceiptDocument, L: ReceiptLabels, e: typeof escapeHtml): string {
  const m = (n: number) => e(money(n, doc.currency, doc.language));
  const ms = (n: number) => e(moneyWithSymbol(n, doc.currency, doc.language));
  const t = doc.totals!;
  const lines = doc.lines.flatMap((l) => [
    row([td(e(l.name)), td(m(l.baseAmount), 'amt'), td(e(l.rateLetter), 'l')]),
    l.qtyMilli !== 1000 ? row([td(e(`${quantity(l.qtyMilli, doc.language)} × ${money(l.unitPrice, doc.currency, doc.language)}`)), td(''), td('')], 'sub') : '',
    ...l.modifiers.map((mod) => row([td(`+ ${e(mod)}`), td(''), td('')], 'sub')),
    l.discount !== 0 ? row([td(e(L.discount)), td(m(-l.discount), 'amt'), td('')], 'sub') : '',
  ]);
  const tenders = doc.tenders.flatMap((p) => [
    row([td(e(tenderLabel(p, doc.language))), td(ms(p.tendered ?? p.amount), 'amt')]),
    p.tip ? row([td(e(L.tip)), td(ms(p.tip), 'amt')], 'sub') : '',
    p.voucherCode ? row([td(e(p.voucherCode)), td('')], 'sub') : '',
    ...(p.card
      ? [
          row([td(e([L.card, p.card.brand, p.card.last4 && `**** ${p.card.last4}`].filter(Boolean).join(' '))), td('')], 'sub'),
          p.card.authCode ? row([td(e(L.authCode)), td(e(p.card.authCode), 'amt')], 'sub') : '',
          p.card.terminalTxId ? row([td(e(L.terminalTx)), td(e(p.card.terminalTxId), 'amt')], 'sub') : '',
          p.card.terminalRef ? row([td(e(L.terminalRef)), td(e(p.card.terminalRef), 'amt')], 'sub') : '',
        ]
      : []),
  ]);
  return [
    `<table class="lines">${lines.join('')}</table><hr><table>`,
    t.discountTotal ? row([td(e(L.discount)), td(ms(-t.discountTotal), 'amt')]) : '',
    row([td(e(L.total)), td(ms(t.total), 'amt')], 'total'),
    t.rounding ? row([td(e(L.rounding)), td(ms(t.rounding), 'amt')]) + row([td(`<b>${e(L.total)}</b>`), td(`<b>${ms(t.payable)}</b>`, 'amt')]) : '',
    '</table><table class="tenders">',
    tenders.join(''),
    doc.change ? row([td(`<b>${e(L.change)}</b>`), td(`<b>${ms(doc.change)}</b>`, 'amt')]) : '',
    '</table>',
  ].join('');
}

function vat(doc: ReceiptDocument, L: ReceiptLabels, e: typeof escapeHtml): string {
  if (!doc.vat.length) return '';
  const m = (n: number) => e(money(n, doc.currency, doc.language));
  return [
    '<hr><table class="small">',
    row([`<th>${e(L.vat)}</th>`, `<th class="amt">${e(L.net)}</th>`, `<th class="amt">${e(L.tax)}</th>`, `<th class="amt">${e(L.gross)}</th>`]),
    ...doc.vat.map((v) => row([td(e(`${v.letter} ${rate(v.rateBp, doc.language)}`)), td(m(v.net), 'amt'), td(m(v.tax), 'amt'), td(m(v.gross), 'amt')])),
    '</table>',
  ].join('');
}

function report(doc: ReceiptDocument, L: ReceiptLabels, e: typeof escapeHtml): string {
  const r = doc.report!;
  const ms = (n: number) => e(moneyWithSymbol(n, doc.currency, doc.language));
  const pair = (label: string, p: { count: number; amount: number }) => row([td(e(`${label} (${p.count})`)), td(ms(p.amount), 'amt')]);
  const when = (iso: string) => {
    const t = localDateTime(iso, doc.timeZone, doc.language);
    return `${t.localDate} ${t.localTime.slice(0, 5)}`;
  };
  const line = (label: string, n: number, bold = false) => row([td(bold ? `<b>${e(label)}</b>` : e(label)), td(bold ? `<b>${ms(n)}</b>` : ms(n), 'amt')]);
  return [
    '<table>',
    row([td(e(L.opened)), td(e(`${when(r.openedAt)} · ${r.openedBy}`), 'amt')]),
    r.closedAt ? row([td(e(L.closed)), td(e(`${when(r.closedAt)} · ${r.closedBy ?? ''}`), 'amt')]) : '',
    '</table><hr><table>',
    pair(L.sales, r.sales),
    pair(L.refunds, r.refunds),
    pair(L.voids, r.voids),
    pair(L.discounts, r.discounts),
    `</table><hr><div class="b">${e(L.tenders)}</div><table>`,
    ...r.tenders.map((t) => pair(tenderLabel({ tender: t.tender, customName: t.tender }, doc.language), t)),
    '</table><hr><table>',
    line(L.openingFloat, r.cash.openingFloat),
    line(L.cashTenders, r.cash.cashTenders),
    line(L.change, -r.cash.change),
    r.cash.payIn ? line(L.payIn, r.cash.payIn) : '',
    r.cash.payOut ? line(L.payOut, -r.cash.payOut) : '',
    r.cash.bankDeposit ? line(L.bankDeposit, -r.cash.bankDeposit) : '',
    r.cash.tipOut ? line(L.tipOut, -r.cash.tipOut) : '',
    line(L.expectedCash, r.expectedCash, true),
    r.countedCash !== null ? line(L.countedCash, r.countedCash) : '',
    r.overShort !== null ? line(L.overShort, r.overShort, true) : '',
    '</table>',
  ].join('');
}

function cashSlip(doc: ReceiptDocument, L: ReceiptLabels, e: typeof escapeHtml): string {
  const c = doc.cashSlip!;
  return `<table>${row([td(e(L.movement[c.movement])), td(e(moneyWithSymbol(c.amount, doc.currency, doc.language)), 'amt')], 'total')}${row([td(e(`${L.reason}: ${c.reason}`)), td('')])}</table>`;
}

function fiscal(doc: ReceiptDocument, L: ReceiptLabels, e: typeof escapeHtml): string {
  const f = doc.fiscal;
  if (!f) return '';
  return [
    '<hr><div class="fiscal">',
    f.failure ? `<div class="b">${e(`${L.tse.failure}: ${f.failure}`)}</div>` : '',
    `<div>${e(L.tse.serial)}: ${e(f.tseSerial)}</div>`,
    `<div>${e(L.tse.tx)}: ${e(String(f.transactionNumber))} · ${e(L.tse.counter)}: ${e(String(f.signatureCounter))}</div>`,
    `<div>${e(L.tse.start)}: ${e(f.startTime)} · ${e(L.tse.end)}: ${e(f.endTime)}</div>`,
    `<div>${e(L.tse.signature)}: ${e(f.signature)}</div>`,
    '</div>',
  ].join('');
}

/** `pdfHref`: a download link shown on screen (the public receipt page), never printed. */
export function renderReceiptHtml(doc: ReceiptDocument, opts: { pdfHref?: string } = {}): string {
  const L = labelsFor(doc.language);
  const e = escapeHtml;
  const body = doc.report ? report(doc, L, e) : doc.cashSlip ? cashSlip(doc, L, e) : sale(doc, L, e);
  const qr = doc.fiscal?.qrPayload ?? doc.digitalReceiptUrl;
  const title = `${titleOf(doc)}${doc.number ? ` ${doc.number}` : ''} – ${doc.store.name}`;
  return [
    `<!doctype html><html lang="${doc.language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${e(title)}</title><style>${STYLE}</style></head><body>`,
    '<main class="receipt">',
    head(doc, L, e),
    body,
    vat(doc, L, e),
    fiscal(doc, L, e),
    qr ? `<div class="qr">${qrSvg(qr)}</div>` : '',
    qr && !doc.fiscal && doc.digitalReceiptUrl ? `<div class="c small muted">${e(L.digital)}</div>` : '',
    doc.footer.length ? `<hr>${doc.footer.map((f) => `<div class="c">${e(f)}</div>`).join('')}` : '',
    opts.pdfHref ? `<p class="c noprint"><a href="${e(opts.pdfHref)}" download>${e(L.pdf)}</a></p>` : '',
    '</main></body></html>',
  ].join('');
}
