import type { RequestContext } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
// Read-only use of the sales and shifts read models (their public entry points do not export these).
import { loadDoc, type SaleDoc } from '../sales/sales.repository.js';
import { buildShiftReport, findShift, readShiftTotals } from '../shifts/index.js';
import type { StoreRow } from '../stores/stores.repository.js';
import type { ReceiptDocument, ReceiptLine, ReceiptTender } from './receipt-document.js';
import { ensureReceiptLink, receiptUrl } from './receipt-links.js';
import { commonParts, rateLetters, templateOf, vatRows, type EffectiveTemplate } from './receipt-parts.js';
import { cashMovementById, modifierNames, receiptNoOf, registerName, storeById, userName } from './receipts.repository.js';

async function storeOf(ctx: RequestContext, storeId: string): Promise<StoreRow> {
  const store = await storeById(ctx, storeId);
  if (!store) throw notFound('Store');
  return store;
}

const modifierIdsOf = (input: string): string[] => {
  try {
    const parsed = JSON.parse(input) as { modifierOptionIds?: unknown };
    return Array.isArray(parsed.modifierOptionIds) ? parsed.modifierOptionIds.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

/** The receipt of a completed sale, refund or exchange (`copy` for reprints). */
export async function buildSaleReceipt(ctx: RequestContext, saleId: string, opts: { copy?: boolean } = {}): Promise<ReceiptDocument> {
  const doc = await loadDoc(ctx, saleId);
  if (!doc) throw notFound('Sale');
  if (doc.sale.status !== 'completed') throw conflict('sale_not_completed', 'Only completed documents have a receipt', { saleId });
  const store = await storeOf(ctx, doc.sale.store_id);
  const [template, register, cashier, originalNumber, link] = await Promise.all([
    templateOf(ctx, store),
    registerName(ctx, doc.sale.register_id),
    userName(ctx, doc.sale.cashier_id),
    receiptNoOf(ctx, doc.sale.original_sale_id),
    ensureReceiptLink(ctx, doc.sale),
  ]);
  const modifiers = await modifierNames(ctx, [...new Set(doc.lines.flatMap((l) => modifierIdsOf(l.input)))]);
  return saleReceiptFrom(doc, { store, template, register, cashier, originalNumber, modifiers, url: receiptUrl(link.link.token), copy: opts.copy ?? false });
}

/** Pure part of buildSaleReceipt (also used by the template preview with a sample sale). */
export function saleReceiptFrom(
  doc: SaleDoc,
  x: { store: StoreRow; template: EffectiveTemplate; register: string; cashier: string | null; originalNumber: string | null; modifiers: Map<string, string>; url: string | null; copy: boolean },
): ReceiptDocument {
  const s = doc.sale;
  const vat = JSON.parse(s.vat) as { rateBp: number; gross: number; net: number; tax: number }[];
  const letters = rateLetters([...vat.map((v) => v.rateBp), ...doc.lines.map((l) => l.tax_rate_bp)]);
  const lines: ReceiptLine[] = doc.lines.map((l) => ({
    name: l.name,
    qtyMilli: Number(l.qty_milli),
    unitPrice: Number(l.unit_price),
    baseAmount: Number(l.base_amount),
    discount: Number(l.discount),
    total: Number(l.total),
    rateBp: Number(l.tax_rate_bp),
    rateLetter: letters.get(Number(l.tax_rate_bp)) ?? '?',
    modifiers: modifierIdsOf(l.input).map((id) => x.modifiers.get(id) ?? ''),
    deposit: l.deposit_for !== null,
  }));
  const tenders: ReceiptTender[] = doc.payments
    .filter((p) => p.status === 'approved')
    .map((p) => ({
      tender: p.tender,
      customName: p.custom_name,
      amount: Number(p.amount),
      tendered: p.tendered === null ? null : Number(p.tendered),
      change: Number(p.change),
      tip: Number(p.tip),
      card: p.tender === 'card' ? { brand: p.card_brand, last4: p.card_last4, authCode: p.auth_code, terminalRef: p.terminal_ref, terminalTxId: p.terminal_tx_id } : null,
      voucherCode: p.voucher_code,
    }));
  const total = Number(s.total);
  const rounding = Number(s.rounding);
  return {
    kind: s.kind,
    sourceId: s.id,
    copy: x.copy,
    training: s.training === 1,
    ...commonParts(x.store, x.template, s.completed_at ?? s.created_at),
    register: { id: s.register_id, name: x.register },
    cashier: x.cashier,
    number: s.receipt_no,
    originalNumber: x.originalNumber,
    lines: lines.map((l) => ({ ...l, modifiers: l.modifiers.filter(Boolean) })),
    vat: vatRows(vat, letters),
    totals: { subtotal: Number(s.subtotal), discountTotal: Number(s.discount_total), taxTotal: Number(s.tax_total), total, rounding, payable: total + rounding },
    tenders,
    change: tenders.reduce((sum, t) => sum + t.change, 0),
    report: null,
    cashSlip: null,
    digitalReceiptUrl: x.url,
  };
}

/** X report (any shift, figures so far) or Z report (closed shifts only). */
export async function buildShiftReportReceipt(ctx: RequestContext, shiftId: string, kind: 'X' | 'Z'): Promise<ReceiptDocument> {
  const shift = await findShift(ctx, shiftId);
  if (!shift) throw notFound('Shift');
  if (kind === 'Z' && shift.status !== 'closed') throw conflict('shift_open', 'The shift is still open: close it to get its Z report', { shiftId });
  const report = buildShiftReport(shift, await readShiftTotals(ctx, shiftId));
  const store = await storeOf(ctx, shift.store_id);
  const [template, register] = await Promise.all([templateOf(ctx, store), registerName(ctx, shift.register_id)]);
  const letters = rateLetters(report.taxes.map((t) => t.rateBp));
  const at = kind === 'Z' ? (report.closedAt ?? ctx.clock.now().toISOString()) : ctx.clock.now().toISOString();
  return {
    kind: kind === 'Z' ? 'z_report' : 'x_report',
    sourceId: shift.id,
    copy: false,
    training: false,
    ...commonParts(store, template, at),
    register: { id: shift.register_id, name: register },
    cashier: kind === 'Z' ? (report.closedBy?.name ?? null) : (ctx.actor?.name ?? null),
    number: kind === 'Z' && report.zNumber !== null ? String(report.zNumber) : null,
    originalNumber: null,
    lines: [],
    vat: vatRows(report.taxes, letters),
    totals: null,
    tenders: [],
    change: 0,
    report: {
      zNumber: report.zNumber,
      openedAt: report.openedAt,
      openedBy: report.openedBy.name,
      closedAt: report.closedAt,
      closedBy: report.closedBy?.name ?? null,
      sales: report.sales,
      refunds: report.refunds,
      voids: report.voids,
      discounts: report.discounts,
      tenders: report.tenders,
      cash: {
        openingFloat: report.cash.openingFloat,
        cashTenders: report.cash.cashTenders,
        change: report.cash.change,
        payIn: report.cash.payIn.amount,
        payOut: report.cash.payOut.amount,
        bankDeposit: report.cash.bankDeposit.amount,
        tipOut: report.cash.tipOut.amount,
      },
      expectedCash: report.expectedCash,
      countedCash: report.countedCash,
      overShort: report.overShort,
    },
    cashSlip: null,
    digitalReceiptUrl: null,
  };
}

/** The slip for money put into or taken out of the drawer (signed by the cashier on paper). */
export async function buildCashSlipReceipt(ctx: RequestContext, movementId: string): Promise<ReceiptDocument> {
  const m = await cashMovementById(ctx, movementId);
  if (!m) throw notFound('Cash movement');
  const store = await storeOf(ctx, m.store_id);
  const [template, register, cashier] = await Promise.all([templateOf(ctx, store), registerName(ctx, m.register_id), userName(ctx, m.user_id)]);
  return {
    kind: m.kind === 'pay_in' ? 'cash_in' : 'cash_out',
    sourceId: m.id,
    copy: false,
    training: false,
    ...commonParts(store, template, m.created_at),
    register: { id: m.register_id, name: register },
    cashier,
    number: null,
    originalNumber: null,
    lines: [],
    vat: [],
    totals: null,
    tenders: [],
    change: 0,
    report: null,
    cashSlip: { movement: m.kind, amount: Number(m.amount), reason: m.reason },
    digitalReceiptUrl: null,
  };
}
