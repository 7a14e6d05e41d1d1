import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { publishAfterCommit } from '../../platform/events/index.js';
import { appendJournal } from '../journal/index.js';
import { addShiftTotals, requireOpenShift } from '../shifts/index.js';
import { applyStockMovements } from '../stock/index.js';
import { tenderKey } from './sale-payments.js';
import { assignStoreSeq, type SaleDoc } from './sales.repository.js';
import type { NegativeStockPolicy } from '../../platform/db/schema.js';

/**
 * What a completed document causes besides its own rows — stock, journal, shift totals, an event —
 * all inside the completing transaction, so either everything or nothing is recorded.
 */
export async function openShiftOf(tx: RequestContext, registerId: string): Promise<string> {
  const shift = await requireOpenShift(tx, registerId);
  return shift.id;
}

const MOVEMENT_KIND = { sale: 'sale', refund: 'refund', exchange: 'exchange' } as const;

/** What a completed document adds to its shift's running totals (X/Z reports read only these). */
function shiftTotalsOf(doc: SaleDoc, approved: SaleDoc['payments']): { key: string; amount: number; count: number }[] {
  const { sale, lines } = doc;
  const totals = new Map<string, { amount: number; count: number }>();
  const add = (key: string, amount: number, count = 1) => {
    const t = totals.get(key) ?? { amount: 0, count: 0 };
    totals.set(key, { amount: t.amount + amount, count: t.count + count });
  };
  const sold = lines.filter((l) => l.qty_milli > 0).reduce((s, l) => s + l.total, 0);
  const returned = lines.filter((l) => l.qty_milli < 0).reduce((s, l) => s + l.total, 0);
  if (sold !== 0 || sale.kind === 'sale') add('sales', sold);
  if (returned !== 0) add('refunds', returned);
  if (sale.discount_total !== 0) add('discounts', sale.discount_total);
  for (const p of approved) {
    add(`tender:${tenderKey(p)}`, p.amount);
    if (p.change) add('change', p.change);
    if (p.tip) add('tips', p.tip);
  }
  const vat = JSON.parse(sale.vat) as { rateBp: number; gross: number; net: number; tax: number }[];
  for (const v of vat) {
    add(`tax:${v.rateBp}:gross`, v.gross);
    add(`tax:${v.rateBp}:net`, v.net);
    add(`tax:${v.rateBp}:tax`, v.tax);
  }
  if (sale.cashier_id) add(`cashier:${sale.cashier_id}`, sale.total);
  return [...totals].map(([key, t]) => ({ key, amount: t.amount, count: t.count }));
}

export async function recordCompletionEffects(
  tx: RequestContext,
  doc: SaleDoc,
  extra: { journal?: Record<string, unknown>; stockPolicy?: NegativeStockPolicy } = {},
): Promise<void> {
  const { sale, lines, payments } = doc;
  const shiftId = sale.shift_id!;
  const approved = payments.filter((p) => p.status === 'approved');
  // Order matters on PostgreSQL: rows other registers of the store also need (stock levels of popular
  // items, the store's document counter, the journal head) are locked until COMMIT, so they come last.
  await addShiftTotals(tx, shiftId, shiftTotalsOf(doc, approved));

  await applyStockMovements(tx, {
    storeId: sale.store_id,
    ...(extra.stockPolicy && { policy: extra.stockPolicy }),
    movements: lines.map((l) => ({
      productId: l.product_id,
      variantId: l.variant_id,
      qtyMilli: -l.qty_milli,
      kind: MOVEMENT_KIND[sale.kind],
      refType: 'sale',
      refId: sale.id,
      refLineId: l.id,
    })),
  });

  sale.store_seq = await assignStoreSeq(tx, sale);
  await appendJournal(tx, {
    storeId: sale.store_id,
    registerId: sale.register_id,
    shiftId,
    documentId: sale.id,
    type: sale.kind,
    payload: {
      kind: sale.kind,
      receiptNo: sale.receipt_no,
      registerSeq: sale.claimed_register_seq,
      storeSeq: sale.store_seq,
      originalSaleId: sale.original_sale_id,
      customerId: sale.customer_id,
      cashierId: sale.cashier_id,
      currency: sale.currency,
      total: sale.total,
      rounding: sale.rounding,
      tax: sale.tax_total,
      discount: sale.discount_total,
      priceSource: sale.price_source,
      priceDifference: sale.price_difference,
      catalogSeq: sale.catalog_seq,
      training: sale.training === 1,
      lines: lines.map((l) => ({ id: l.id, productId: l.product_id, variantId: l.variant_id, name: l.name, qtyMilli: l.qty_milli, unitPrice: l.unit_price, total: l.total, taxRateBp: l.tax_rate_bp, originalLineId: l.original_line_id })),
      payments: approved.map((p) => ({ id: p.id, tender: tenderKey(p), amount: p.amount, change: p.change, tip: p.tip, cardBrand: p.card_brand, cardLast4: p.card_last4, authCode: p.auth_code, terminalRef: p.terminal_ref })),
      ...extra.journal,
    },
  });
  for (const l of lines.filter((x) => x.price_override_by)) {
    await appendJournal(tx, {
      storeId: sale.store_id,
      registerId: sale.register_id,
      shiftId,
      documentId: sale.id,
      type: 'price_override',
      payload: { lineId: l.id, productId: l.product_id, unitPrice: l.unit_price, approvedBy: l.price_override_by },
    });
  }


  publishAfterCommit(tx, {
    type: sale.kind === 'sale' ? 'sale.completed' : 'sale.refunded',
    storeId: sale.store_id,
    id: sale.id,
    at: sale.completed_at ?? iso(tx.clock.now()),
    payload: { kind: sale.kind, total: sale.total, storeSeq: sale.store_seq, receiptNo: sale.receipt_no, registerId: sale.register_id },
  });
}

/** A void of an open/parked sale: nothing was sold, so only the journal and the shift's void count. */
export async function recordVoidEffects(tx: RequestContext, doc: SaleDoc, reason: string): Promise<void> {
  const { sale } = doc;
  const shiftId = sale.shift_id ?? (await openShiftOf(tx, sale.register_id).catch(() => null));
  await appendJournal(tx, {
    storeId: sale.store_id,
    registerId: sale.register_id,
    ...(shiftId && { shiftId }),
    documentId: sale.id,
    type: 'void',
    payload: { reason, total: sale.total, lines: doc.lines.map((l) => ({ id: l.id, productId: l.product_id, qtyMilli: l.qty_milli, total: l.total })) },
  });
  if (shiftId) await addShiftTotals(tx, shiftId, [{ key: 'voids', amount: sale.total, count: 1 }]);
  publishAfterCommit(tx, { type: 'sale.voided', storeId: sale.store_id, id: sale.id, at: iso(tx.clock.now()), payload: { reason, total: sale.total } });
}
