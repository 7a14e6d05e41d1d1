// What can be refunded from a receipt and how much money goes back, computed exactly as the server
// does (cumulative proration), so the refund's cash payment matches the server's total to the cent.
import { formatQty, mulDivRound, sumMinor } from '@opentill/core';
import type { Sale, SaleLine } from '../../lib/api/register-ops-endpoints';

/** Milli-units still refundable on a line: sold − already refunded (never below 0). */
export function refundableQty(line: Pick<SaleLine, 'qty' | 'refundedQty'>): number {
  return Math.max(0, line.qty - line.refundedQty);
}

/** Lines a refund can pick from: positive lines of a completed sale with something left. */
export function refundableLines(sale: Sale): SaleLine[] {
  if (sale.status !== 'completed' || sale.kind === 'refund') return [];
  return sale.lines.filter((l) => l.qty > 0 && refundableQty(l) > 0);
}

/**
 * Money back for `qty` more of a line (positive cents): the line's share after this refund minus
 * its share before it, as the server computes it — partial refunds add up to the line exactly.
 */
export function refundAmount(line: Pick<SaleLine, 'qty' | 'refundedQty' | 'total'>, qty: number): number {
  if (qty <= 0) return 0;
  const before = line.refundedQty;
  const after = before + qty;
  return mulDivRound(line.total, after, line.qty) - mulDivRound(line.total, before, line.qty);
}

/** Picked quantity per line id (milli-units). */
export type RefundPick = Readonly<Record<string, number>>;

export interface RefundProblem {
  lineId: string;
  kind: 'too_many' | 'not_refundable';
  max: number;
}

/** Checks a pick against the receipt: nothing above what is left to refund. */
export function checkPick(sale: Sale, pick: RefundPick): RefundProblem[] {
  const byId = new Map(sale.lines.map((l) => [l.id, l]));
  const problems: RefundProblem[] = [];
  for (const [lineId, qty] of Object.entries(pick)) {
    if (qty <= 0) continue;
    const line = byId.get(lineId);
    if (!line || line.qty <= 0) problems.push({ lineId, kind: 'not_refundable', max: 0 });
    else if (qty > refundableQty(line)) problems.push({ lineId, kind: 'too_many', max: refundableQty(line) });
  }
  return problems;
}

/** Total money back for a pick (positive cents). */
export function refundTotal(sale: Sale, pick: RefundPick): number {
  return sumMinor(sale.lines.map((l) => refundAmount(l, pick[l.id] ?? 0)));
}

/** Steps a picked quantity up/down by one unit (or to what is left), within 0…refundable. */
export function stepPick(line: Pick<SaleLine, 'qty' | 'refundedQty'>, current: number, direction: 1 | -1): number {
  const max = refundableQty(line);
  const unit = max % 1000 === 0 ? 1000 : max; // a weighed line is returned whole
  return Math.min(max, Math.max(0, current + direction * unit));
}

/** How the original was paid, to refund to the same tender: cash only, or card present. */
export function originalTenders(sale: Sale): { cash: boolean; card: boolean; other: boolean } {
  const approved = sale.payments.filter((p) => p.status === 'approved' && p.amount > 0);
  return {
    cash: approved.some((p) => p.tender === 'cash'),
    card: approved.some((p) => p.tender === 'card'),
    other: approved.some((p) => p.tender === 'voucher' || p.tender === 'custom'),
  };
}

/**
 * A scanned or typed receipt reference. Scanners type the barcode's text; the QR code on a printed
 * receipt carries its digital-receipt link (`…/r/<token>`), which the server resolves to the sale.
 * Other links may name the number in a `receipt` parameter.
 */
export type ReceiptRef = { kind: 'number'; receiptNo: string } | { kind: 'link'; token: string } | { kind: 'invalid' };

export function parseReceiptScan(text: string): ReceiptRef {
  const t = text.trim();
  let receiptNo = t;
  if (/^https?:\/\//i.test(t)) {
    let url: URL;
    try {
      url = new URL(t);
    } catch {
      return { kind: 'invalid' };
    }
    const link = /\/r\/([A-Za-z0-9_-]{16,64})\/?$/.exec(url.pathname);
    if (link) return { kind: 'link', token: link[1]! };
    receiptNo = (url.searchParams.get('receipt') ?? url.searchParams.get('receiptNo') ?? decodeURIComponent(url.pathname.split('/').filter(Boolean).at(-1) ?? '')).trim();
  }
  return isReceiptNo(receiptNo) ? { kind: 'number', receiptNo } : { kind: 'invalid' };
}

/** What the server accepts as a receipt number (letters, digits and . _ - /, up to 32). */
export function isReceiptNo(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/.test(text);
}

/** Milli-units for people: 3000 → "3", 347 → "0.347" / "0,347" (from a decimal string, no float). */
export function displayQty(milli: number, locale: string): string {
  const decimal = formatQty(milli).replace(/\.?0+$/, '');
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(decimal as Intl.StringNumericLiteral);
}
