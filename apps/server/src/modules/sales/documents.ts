import type { Insertable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { NegativeStockPolicy, SaleKind, SaleLinesTable, SalesTable } from '../../platform/db/schema.js';
import type { StoreRow } from '../stores/stores.repository.js';
import { openShiftOf, recordCompletionEffects } from './effects.js';
import type { DocLine, PricedDoc } from './sale-pricing.js';
import type { PaymentRowInput } from './sale-payments.js';
import { holderOfRegisterSeq, insertLines, insertPayments, insertSale, loadDoc, replaceLines, type SaleDoc, type SaleLineRow, type SalePaymentRow, type SaleRow } from './sales.repository.js';

/** Building and completing documents (sale, refund, exchange): rows, numbering, effects — one transaction. */

export function lineRows(saleId: string, lines: DocLine[], overrideBy: string | null): Insertable<SaleLinesTable>[] {
  return lines.map((l, i) => ({
    id: l.id,
    sale_id: saleId,
    line_no: i + 1,
    product_id: l.productId,
    variant_id: l.variantId,
    name: l.name,
    qty_milli: l.qtyMilli,
    unit_price: l.unitPrice,
    base_amount: l.baseAmount,
    discount: l.discount,
    total: l.total,
    net: l.net,
    tax: l.tax,
    tax_rate_bp: l.taxRateBp,
    deposit_for: l.depositFor,
    price_override_by: l.priceOverride ? overrideBy : null,
    original_line_id: l.originalLineId,
    refunded_qty_milli: 0,
    input: JSON.stringify(l.input),
  }));
}

/** Per-rate VAT of lines (for documents not priced as one basket: refunds, exchanges). */
export function vatOf(lines: DocLine[]): PricedDoc['vat'] {
  const by = new Map<number, { rateBp: number; gross: number; net: number; tax: number }>();
  for (const l of lines) {
    const v = by.get(l.taxRateBp) ?? { rateBp: l.taxRateBp, gross: 0, net: 0, tax: 0 };
    by.set(l.taxRateBp, { rateBp: l.taxRateBp, gross: v.gross + l.total, net: v.net + l.net, tax: v.tax + l.tax });
  }
  return [...by.values()].sort((a, b) => b.rateBp - a.rateBp);
}

export function saleRow(
  ctx: RequestContext,
  opts: {
    id: string;
    store: StoreRow;
    registerId: string;
    kind: SaleKind;
    doc: PricedDoc;
    rounding: number;
    customerId: string | null;
    originalSaleId?: string | null;
    catalogSeq?: number | null;
    pricedAt?: string | null;
    training?: boolean;
    pricingInput?: unknown;
  },
): Insertable<SalesTable> {
  const now = iso(ctx.clock.now());
  return {
    id: opts.id,
    org_id: opts.store.org_id,
    store_id: opts.store.id,
    register_id: opts.registerId,
    device_id: ctx.deviceId,
    shift_id: null,
    cashier_id: ctx.actor?.userId ?? null,
    customer_id: opts.customerId,
    kind: opts.kind,
    status: 'open',
    original_sale_id: opts.originalSaleId ?? null,
    register_seq: null,
    claimed_register_seq: null,
    receipt_no: null,
    store_seq: null,
    currency: opts.store.currency,
    subtotal: opts.doc.subtotal,
    discount_total: opts.doc.discountTotal,
    tax_total: opts.doc.taxTotal,
    total: opts.doc.total,
    rounding: opts.rounding,
    price_source: opts.doc.priceSource,
    price_difference: opts.doc.priceDifference,
    catalog_seq: opts.catalogSeq ?? null,
    priced_at: opts.pricedAt ?? null,
    vat: JSON.stringify(opts.doc.vat),
    pricing_input: opts.pricingInput === undefined ? null : JSON.stringify(opts.pricingInput),
    training: opts.training ? 1 : 0,
    void_reason: null,
    created_at: now,
    updated_at: now,
    parked_at: null,
    completed_at: null,
    voided_at: null,
  };
}

/**
 * Completes a document: open shift, store-wide number, the register's number (a number the register
 * already used for another document is kept as claimed and reported, never refused — the sale is
 * real), rows, then stock/journal/shift totals/event. `existing`: an open sale completed in place.
 */
export async function completeDocument(
  tx: RequestContext,
  opts: {
    sale: Insertable<SalesTable>;
    lines: Insertable<SaleLinesTable>[] | null;
    payments: PaymentRowInput[];
    registerSeq: number;
    receiptNo: string;
    existing: boolean;
    journal?: Record<string, unknown>;
    /** The store's negative-stock policy when the caller holds the store row (saves a read). */
    stockPolicy?: NegativeStockPolicy;
  },
): Promise<SaleDoc> {
  const { sale } = opts;
  const shiftId = await openShiftOf(tx, sale.register_id);
  const holder = await holderOfRegisterSeq(tx, sale.register_id, opts.registerSeq);
  const now = iso(tx.clock.now());
  const numbering = {
    status: 'completed' as const,
    shift_id: shiftId,
    // Numbered store-wide last, in recordCompletionEffects (assignStoreSeq says why).
    store_seq: null,
    register_seq: holder && holder !== sale.id ? null : opts.registerSeq,
    claimed_register_seq: opts.registerSeq,
    receipt_no: opts.receiptNo,
    completed_at: now,
    updated_at: now,
  };
  if (opts.existing) {
    await tx.db
      .updateTable('sales')
      .set({ ...numbering, cashier_id: sale.cashier_id ?? null, device_id: sale.device_id ?? null, rounding: sale.rounding })
      .where('id', '=', sale.id)
      .execute();
  } else {
    await insertSale(tx, { ...sale, ...numbering });
  }
  if (opts.lines) {
    // A new document has no lines yet; an open (parked) one is completed with the lines it has now.
    if (opts.existing) await replaceLines(tx, sale.id, opts.lines);
    else await insertLines(tx, opts.lines);
  }
  await insertPayments(tx, opts.payments);
  // A new document's rows are exactly what was just inserted (every column is given). Its payments
  // are only those: earlier card attempts are stored on an open (existing) sale, and a payment row
  // cannot exist before its sale row (foreign key). Same order as loadPayments (created_at, id).
  const doc =
    !opts.existing && opts.lines
      ? {
          sale: { ...sale, ...numbering } as SaleRow,
          lines: opts.lines as SaleLineRow[],
          payments: ([...opts.payments] as SalePaymentRow[]).sort((a, b) =>
            a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
          ),
        }
      : (await loadDoc(tx, sale.id))!;
  await recordCompletionEffects(tx, doc, { ...(opts.journal && { journal: opts.journal }), ...(opts.stockPolicy && { stockPolicy: opts.stockPolicy }) });
  return doc;
}
