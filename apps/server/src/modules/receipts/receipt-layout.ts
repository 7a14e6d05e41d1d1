import type { ReceiptDocument, ReceiptLine, ReceiptTender } from './receipt-document.js';
import { localDateTime } from './receipt-parts.js';
import { labelsFor, money, moneyWithSymbol, quantity, rate, tenderLabel, titleOf, type ReceiptLabels } from './receipt-labels.js';

/**
 * A receipt laid out for a fixed-width printer: lines already padded to `columns`, plus the places
 * where the logo and the QR code go. The text and ESC/POS renderers both print this, so the plain
 * text preview is exactly what the thermal printer prints.
 */
export type LayoutItem =
  | { kind: 'text'; text: string; bold?: boolean; tall?: boolean }
  | { kind: 'logo'; png: string }
  | { kind: 'qr'; data: string };

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));

export function center(text: string, columns: number): string {
  if (text.length >= columns) return text.slice(0, columns);
  return ' '.repeat(Math.floor((columns - text.length) / 2)) + text;
}

/** Left text and right text on one line; a left text too long for both is wrapped above. */
export function leftRight(left: string, right: string, columns: number): string[] {
  const room = columns - right.length - 1;
  if (room <= 0) return [right.padStart(columns)];
  const out: string[] = [];
  let rest = left;
  while (rest.length > room) {
    const cut = rest.lastIndexOf(' ', room);
    const at = cut > room / 2 ? cut : room;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  out.push(pad(rest, room) + ' ' + right);
  return out;
}

/** Word-wraps free text (template header/footer, reasons) to the paper width. */
export function wrap(text: string, columns: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > columns) {
      if (line) out.push(line);
      out.push(w.slice(0, columns));
      w = w.slice(columns);
      line = '';
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= columns) line += ` ${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

class Lines {
  readonly items: LayoutItem[] = [];
  constructor(readonly columns: number) {}
  text(text: string, style: { bold?: boolean; tall?: boolean } = {}) {
    this.items.push({ kind: 'text', text: text.trimEnd(), ...(style.bold && { bold: true }), ...(style.tall && { tall: true }) });
  }
  centered(text: string, style: { bold?: boolean; tall?: boolean } = {}) {
    for (const l of wrap(text, this.columns)) this.text(center(l, this.columns), style);
  }
  lr(left: string, right: string, style: { bold?: boolean; tall?: boolean } = {}) {
    for (const l of leftRight(left, right, this.columns)) this.text(l, style);
  }
  /** Two labelled values: one line when both fit, else the right one on its own line, right-aligned. */
  pair(left: string, right: string) {
    if (left.length + right.length + 1 <= this.columns) this.lr(left, right);
    else {
      this.text(left.slice(0, this.columns));
      if (right) this.text(right.slice(0, this.columns).padStart(this.columns));
    }
  }
  rule(ch = '-') {
    this.text(ch.repeat(this.columns));
  }
  blank() {
    this.text('');
  }
}

function head(out: Lines, doc: ReceiptDocument, L: ReceiptLabels) {
  if (doc.logoPng) out.items.push({ kind: 'logo', png: doc.logoPng });
  out.centered(doc.store.name, { bold: true, tall: true });
  for (const a of doc.store.addressLines) out.centered(a);
  const ids = [doc.store.vatId && `${L.vatId} ${doc.store.vatId}`, doc.store.taxNumber && `${L.taxNumber} ${doc.store.taxNumber}`].filter(Boolean) as string[];
  for (const id of ids) out.centered(id);
  for (const h of doc.header) out.centered(h);
  if (doc.copy) out.centered(`*** ${L.copy} ***`, { bold: true, tall: true });
  if (doc.training) out.centered(`*** ${L.training} ***`, { bold: true });
  out.rule('=');
  out.lr(titleOf(doc).toUpperCase(), doc.number ? `${doc.kind === 'z_report' ? L.zNumber : L.receiptNo} ${doc.number}` : '', { bold: true });
  if (doc.originalNumber) out.pair(L.original, doc.originalNumber);
  out.pair(`${L.date} ${doc.localDate}`, `${L.time} ${doc.localTime}`);
  out.pair(`${L.register} ${doc.register.name}`, doc.cashier ? `${L.cashier} ${doc.cashier}` : '');
  out.rule();
}

function saleLines(out: Lines, doc: ReceiptDocument, L: ReceiptLabels) {
  const m = (n: number) => money(n, doc.currency, doc.language);
  for (const l of doc.lines as ReceiptLine[]) {
    out.lr(l.name, `${m(l.baseAmount)} ${l.rateLetter}`);
    if (l.qtyMilli !== 1000) out.text(`  ${quantity(l.qtyMilli, doc.language)} x ${m(l.unitPrice)}`);
    for (const mod of l.modifiers) out.text(`  + ${mod}`.slice(0, out.columns));
    if (l.discount !== 0) out.lr(`  ${L.discount}`, `${m(-l.discount)}  `);
  }
}

function totals(out: Lines, doc: ReceiptDocument, L: ReceiptLabels) {
  const t = doc.totals!;
  const ms = (n: number) => moneyWithSymbol(n, doc.currency, doc.language);
  out.rule();
  if (t.discountTotal !== 0) out.lr(L.discount, ms(-t.discountTotal));
  out.lr(L.total.toUpperCase(), ms(t.total), { bold: true, tall: true });
  if (t.rounding !== 0) {
    out.lr(L.rounding, ms(t.rounding));
    out.lr(L.total, ms(t.payable), { bold: true });
  }
  out.blank();
  for (const p of doc.tenders as ReceiptTender[]) {
    out.lr(tenderLabel(p, doc.language), ms(p.tendered ?? p.amount));
    if (p.tip) out.lr(`  ${L.tip}`, ms(p.tip));
    if (p.voucherCode) out.text(`  ${p.voucherCode}`);
    if (p.card) {
      out.text(`  ${L.card}`);
      const card = [p.card.brand, p.card.last4 && `**** ${p.card.last4}`].filter(Boolean).join(' ');
      if (card) out.text(`  ${card}`);
      if (p.card.authCode) out.lr(`  ${L.authCode}`, p.card.authCode);
      if (p.card.terminalTxId) out.lr(`  ${L.terminalTx}`, p.card.terminalTxId);
      if (p.card.terminalRef) out.lr(`  ${L.terminalRef}`, p.card.terminalRef);
    }
  }
  if (doc.change) out.lr(L.change, ms(doc.change), { bold: true });
}

function vatTable(out: Lines, doc: ReceiptDocument, L: ReceiptLabels) {
  if (doc.vat.length === 0) return;
  const m = (n: number) => money(n, doc.currency, doc.language);
  // Columns: rate label, then net / tax / gross right-aligned in equal widths.
  const w = Math.floor((out.columns - 10) / 3);
  const row = (a: string, b: string, c: string, d: string) => pad(a, out.columns - 3 * w) + b.padStart(w) + c.padStart(w) + d.padStart(w);
  out.rule();
  out.text(row(L.vat, L.net, L.tax, L.gross));
  for (const v of doc.vat) out.text(row(`${v.letter} ${rate(v.rateBp, doc.language)}`, m(v.net), m(v.tax), m(v.gross)));
}

function report(out: Lines, doc: ReceiptDocument, L: ReceiptLabels) {
  const r = doc.report!;
  const ms = (n: number) => moneyWithSymbol(n, doc.currency, doc.language);
  const when = (iso: string) => {
    const t = localDateTime(iso, doc.timeZone, doc.language);
    return `${t.localDate} ${t.localTime.slice(0, 5)}`;
  };
  out.lr(L.opened, when(r.openedAt));
  out.lr('', r.openedBy);
  if (r.closedAt) {
    out.lr(L.closed, when(r.closedAt));
    if (r.closedBy) out.lr('', r.closedBy);
  }
  out.rule();
  const pair = (label: string, p: { count: number; amount: number }) => out.lr(`${label} (${p.count})`, ms(p.amount));
  pair(L.sales, r.sales);
  pair(L.refunds, r.refunds);
  pair(L.voids, r.voids);
  pair(L.discounts, r.discounts);
  out.rule();
  out.text(L.tenders, { bold: true });
  for (const t of r.tenders) out.lr(`${tenderLabel({ tender: t.tender, customName: t.tender }, doc.language)} (${t.count})`, ms(t.amount));
  out.rule();
  out.lr(L.openingFloat, ms(r.cash.openingFloat));
  out.lr(L.cashTenders, ms(r.cash.cashTenders));
  out.lr(L.change, ms(-r.cash.change));
  if (r.cash.payIn) out.lr(L.payIn, ms(r.cash.payIn));
  if (r.cash.payOut) out.lr(L.payOut, ms(-r.cash.payOut));
  if (r.cash.bankDeposit) out.lr(L.bankDeposit, ms(-r.cash.bankDeposit));
  if (r.cash.tipOut) out.lr(L.tipOut, ms(-r.cash.tipOut));
  out.lr(L.expectedCash, ms(r.expectedCash), { bold: true });
  if (r.countedCash !== null) out.lr(L.countedCash, ms(r.countedCash));
  if (r.overShort !== null) out.lr(L.overShort, ms(r.overShort), { bold: true });
}

function cashSlip(out: Lines, doc: ReceiptDocument, L: ReceiptLabels) {
  const c = doc.cashSlip!;
  out.lr(L.movement[c.movement], moneyWithSymbol(c.amount, doc.currency, doc.language), { bold: true, tall: true });
  for (const l of wrap(`${L.reason}: ${c.reason}`, out.columns)) out.text(l);
  out.blank();
  out.blank();
  out.text('_'.repeat(Math.min(out.columns, 32)));
  out.text(L.signature);
}

function fiscal(out: Lines, doc: ReceiptDocument, L: ReceiptLabels) {
  const f = doc.fiscal;
  if (!f) return;
  out.rule();
  if (f.failure) out.centered(`${L.tse.failure}: ${f.failure}`, { bold: true });
  out.lr(L.tse.serial, '');
  out.text(f.tseSerial.slice(0, out.columns));
  out.lr(L.tse.tx, String(f.transactionNumber));
  out.lr(L.tse.counter, String(f.signatureCounter));
  out.lr(L.tse.start, f.startTime);
  out.lr(L.tse.end, f.endTime);
  out.text(`${L.tse.signature}:`);
  for (let i = 0; i < f.signature.length; i += out.columns) out.text(f.signature.slice(i, i + out.columns));
}

export function layoutReceipt(doc: ReceiptDocument, columns: number): LayoutItem[] {
  const out = new Lines(columns);
  const L = labelsFor(doc.language);
  head(out, doc, L);
  if (doc.report) report(out, doc, L);
  else if (doc.cashSlip) cashSlip(out, doc, L);
  else {
    saleLines(out, doc, L);
    totals(out, doc, L);
  }
  vatTable(out, doc, L);
  fiscal(out, doc, L);
  const qr = doc.fiscal?.qrPayload ?? doc.digitalReceiptUrl;
  if (qr || doc.footer.length) out.blank();
  if (qr) {
    out.items.push({ kind: 'qr', data: qr });
    if (!doc.fiscal && doc.digitalReceiptUrl) out.centered(L.digital);
  }
  for (const f of doc.footer) out.centered(f);
  return out.items;
}
