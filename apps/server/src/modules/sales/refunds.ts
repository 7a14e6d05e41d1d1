import { mulDivRound } from '@opentill/core';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict } from '../../platform/errors.js';
import type { RegisterRow, StoreRow } from '../stores/stores.repository.js';
import { completeDocument, lineRows, saleRow, vatOf } from './documents.js';
import { idempotent, type StoredResponse } from './idempotency.js';
import { presentSale } from './sale.presenter.js';
import { assertPaid, planPayments } from './sale-payments.js';
import { priceBasketForSale, type DocLine, type PricedDoc } from './sale-pricing.js';
import { addRefundedQty, findSale, loadDoc, type SaleDoc, type SaleLineRow } from './sales.repository.js';
import type { ExchangeBody, NoReceiptRefundBody, RefundBody, ReturnLine } from './sales.schema.js';

/**
 * Refunds and exchanges are new documents linked to the original (completed sales never change,
 * except the refunded quantity counter of their lines). A line can be refunded up to its sold
 * quantity in total: the counter is raised in one guarded UPDATE, so neither a retry nor two
 * registers at once can refund more than was sold. Partial refunds are prorated cumulatively
 * (share(refunded so far + qty) − share(refunded so far)), so they add up to the line exactly.
 */

function share(amount: number, part: number, whole: number): number {
  return mulDivRound(amount, part, whole);
}

async function returnedLines(tx: RequestContext, original: SaleDoc, returns: ReturnLine[], field: string): Promise<DocLine[]> {
  const byId = new Map(original.lines.map((l) => [l.id, l]));
  const out: DocLine[] = [];
  for (const [i, r] of returns.entries()) {
    const line: SaleLineRow | undefined = byId.get(r.originalLineId);
    if (!line || line.qty_milli <= 0) throw new AppError('not_found', 'not_found', 'No such line on the original sale', { field: `${field}.${i}.originalLineId` });
    const after = await addRefundedQty(tx, line.id, r.qty);
    if (after === null) {
      const fresh = await tx.db.selectFrom('sale_lines').select('refunded_qty_milli').where('id', '=', line.id).executeTakeFirstOrThrow();
      throw conflict('refund_exceeds_sold', `Only ${line.qty_milli - Number(fresh.refunded_qty_milli)} of ${line.qty_milli} are left to refund`, {
        field: `${field}.${i}.qty`,
        sold: line.qty_milli,
        refunded: Number(fresh.refunded_qty_milli),
        requested: r.qty,
      });
    }
    const before = after - r.qty;
    const part = (amount: number) => share(amount, after, line.qty_milli) - share(amount, before, line.qty_milli);
    out.push({
      id: r.id,
      productId: line.product_id,
      variantId: line.variant_id,
      name: line.name,
      qtyMilli: -r.qty,
      unitPrice: line.unit_price,
      baseAmount: -part(line.base_amount),
      discount: -part(line.discount),
      total: -part(line.total),
      net: -part(line.net),
      tax: -part(line.tax),
      taxRateBp: line.tax_rate_bp,
      depositFor: null,
      originalLineId: line.id,
      priceOverride: false,
      input: {},
    });
  }
  return out;
}

function docOf(lines: DocLine[]): PricedDoc {
  const sum = (f: (l: DocLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const total = sum((l) => l.total);
  return {
    lines,
    subtotal: sum((l) => l.baseAmount),
    discountTotal: sum((l) => l.discount),
    taxTotal: sum((l) => l.tax),
    total,
    cashTotal: total,
    cashRounding: 0,
    vat: vatOf(lines),
    priceSource: 'server',
    priceDifference: 0,
    registerPrices: [],
  };
}

async function originalFor(tx: RequestContext, id: string): Promise<SaleDoc> {
  const original = await loadDoc(tx, id);
  if (!original) throw new AppError('not_found', 'not_found', 'Sale not found', { field: 'params.id' });
  if (original.sale.status !== 'completed' || original.sale.kind === 'refund') {
    throw conflict('not_refundable', `A ${original.sale.status} ${original.sale.kind} cannot be refunded`, { field: 'params.id' });
  }
  return original;
}

interface Where {
  store: StoreRow;
  register: RegisterRow;
  key: string;
}

export async function refundSale(ctx: RequestContext, w: Where, originalId: string, body: RefundBody): Promise<StoredResponse> {
  return idempotent(ctx, { key: w.key, storeId: w.store.id, route: `POST /sales/${originalId}/refunds`, body }, async (tx) => {
    if (await findSale(tx, body.id)) return { statusCode: 200, body: presentSale((await loadDoc(tx, body.id))!) };
    const original = await originalFor(tx, originalId);
    if (original.sale.store_id !== w.store.id) throw conflict('store_mismatch', 'Refund a sale in the store it was sold in', { field: 'params.id' });
    const doc = docOf(await returnedLines(tx, original, body.lines, 'body.lines'));
    const payments = await planPayments(tx, { saleId: body.id, storeId: w.store.id, registerId: w.register.id, kind: 'refund', payments: body.payments, field: 'body.payments' });
    assertPaid(payments as { amount: number; status: 'approved' }[], doc.total, 'body.payments');
    const sale = saleRow(tx, { id: body.id, store: w.store, registerId: w.register.id, kind: 'refund', doc, rounding: 0, customerId: original.sale.customer_id, originalSaleId: original.sale.id });
    const done = await completeDocument(tx, {
      sale,
      lines: lineRows(body.id, doc.lines, null),
      payments,
      registerSeq: body.registerSeq,
      receiptNo: body.receiptNo,
      existing: false,
      journal: { reason: body.reason ?? null, withReceipt: true },
    });
    return { statusCode: 201, body: presentSale(done) };
  });
}

/** A refund without a receipt: today's catalog prices, negated; needs sales.refund.no_receipt. */
export async function refundWithoutReceipt(ctx: RequestContext, w: Where, body: NoReceiptRefundBody): Promise<StoredResponse> {
  return idempotent(ctx, { key: w.key, storeId: w.store.id, route: 'POST /refunds/no-receipt', body }, async (tx) => {
    if (await findSale(tx, body.id)) return { statusCode: 200, body: presentSale((await loadDoc(tx, body.id))!) };
    const priced = await priceBasketForSale(tx, w.store, { lines: body.lines, coupons: [] }, tx.clock.now());
    const lines = priced.lines.map((l) => ({ ...l, qtyMilli: -l.qtyMilli, baseAmount: -l.baseAmount, discount: -l.discount, total: -l.total, net: -l.net, tax: -l.tax }));
    const doc = docOf(lines);
    const payments = await planPayments(tx, { saleId: body.id, storeId: w.store.id, registerId: w.register.id, kind: 'refund', payments: body.payments, field: 'body.payments' });
    assertPaid(payments as { amount: number; status: 'approved' }[], doc.total, 'body.payments');
    const sale = saleRow(tx, { id: body.id, store: w.store, registerId: w.register.id, kind: 'refund', doc, rounding: 0, customerId: null });
    const done = await completeDocument(tx, {
      sale,
      lines: lineRows(body.id, doc.lines, null),
      payments,
      registerSeq: body.registerSeq,
      receiptNo: body.receiptNo,
      existing: false,
      journal: { reason: body.reason, withReceipt: false, approvedBy: tx.approver?.userId ?? null },
    });
    return { statusCode: 201, body: presentSale(done) };
  });
}

/** An exchange: returned lines of the original (negative) and new lines in one document. */
export async function exchangeSale(ctx: RequestContext, w: Where, originalId: string, body: ExchangeBody, overrideBy: string | null): Promise<StoredResponse> {
  return idempotent(ctx, { key: w.key, storeId: w.store.id, route: `POST /sales/${originalId}/exchanges`, body }, async (tx) => {
    if (await findSale(tx, body.id)) return { statusCode: 200, body: presentSale((await loadDoc(tx, body.id))!) };
    const original = await originalFor(tx, originalId);
    if (original.sale.store_id !== w.store.id) throw conflict('store_mismatch', 'Exchange a sale in the store it was sold in', { field: 'params.id' });
    const returned = await returnedLines(tx, original, body.returns, 'body.returns');
    const priced = await priceBasketForSale(tx, w.store, { lines: body.lines, coupons: [] }, tx.clock.now());
    const doc = { ...docOf([...returned, ...priced.lines]), discountTotal: priced.discountTotal + returned.reduce((s, l) => s + l.discount, 0) };
    if (doc.total !== body.totals.total) {
      throw conflict('price_mismatch', `The register's total ${body.totals.total} differs from the server's ${doc.total}`, {
        field: 'body.totals.total',
        expected: doc.total,
        received: body.totals.total,
        difference: body.totals.total - doc.total,
      });
    }
    const payments = await planPayments(tx, { saleId: body.id, storeId: w.store.id, registerId: w.register.id, kind: 'exchange', payments: body.payments, field: 'body.payments' });
    assertPaid(payments as { amount: number; status: 'approved' }[], doc.total, 'body.payments');
    const sale = saleRow(tx, { id: body.id, store: w.store, registerId: w.register.id, kind: 'exchange', doc, rounding: 0, customerId: original.sale.customer_id, originalSaleId: original.sale.id });
    const done = await completeDocument(tx, { sale, lines: lineRows(body.id, doc.lines, overrideBy), payments, registerSeq: body.registerSeq, receiptNo: body.receiptNo, existing: false });
    return { statusCode: 201, body: presentSale(done) };
  });
}
