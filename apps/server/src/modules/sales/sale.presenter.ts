import type { SaleDoc, SaleRow } from './sales.repository.js';

/** The API shape of a sale document (money in minor units, quantities in milli-units). */
export function presentSaleHeader(s: SaleRow) {
  return {
    id: s.id,
    storeId: s.store_id,
    registerId: s.register_id,
    deviceId: s.device_id,
    shiftId: s.shift_id,
    cashierId: s.cashier_id,
    customerId: s.customer_id,
    kind: s.kind,
    status: s.status,
    originalSaleId: s.original_sale_id,
    registerSeq: s.claimed_register_seq,
    receiptNo: s.receipt_no,
    storeSeq: s.store_seq,
    /** `duplicate`: the register had already used this number for another document (see sequence-report). */
    sequenceIssue: s.claimed_register_seq !== null && s.register_seq === null ? ('duplicate' as const) : null,
    currency: s.currency,
    subtotal: s.subtotal,
    discountTotal: s.discount_total,
    taxTotal: s.tax_total,
    total: s.total,
    rounding: s.rounding,
    priceSource: s.price_source,
    priceDifference: s.price_difference,
    catalogSeq: s.catalog_seq,
    pricedAt: s.priced_at,
    vat: JSON.parse(s.vat) as unknown,
    training: s.training === 1,
    voidReason: s.void_reason,
    createdAt: s.created_at,
    parkedAt: s.parked_at,
    completedAt: s.completed_at,
    voidedAt: s.voided_at,
  };
}

export interface LineInput {
  modifierOptionIds?: string[];
  discount?: { percentBp: number } | { amount: number } | null;
  priceOverride?: number | null;
}

function parseInput(json: string): LineInput {
  try {
    return JSON.parse(json) as LineInput;
  } catch {
    return {};
  }
}

export type DiscountInput = { percentBp: number } | { amount: number };

function cartDiscountOf(pricingInput: string | null): DiscountInput | null {
  if (!pricingInput) return null;
  try {
    return (JSON.parse(pricingInput) as { cartDiscount?: { percentBp: number } | { amount: number } | null }).cartDiscount ?? null;
  } catch {
    return null;
  }
}

export function presentSale(d: SaleDoc) {
  return {
    ...presentSaleHeader(d.sale),
    lines: d.lines.map((l) => ({
      id: l.id,
      productId: l.product_id,
      variantId: l.variant_id,
      name: l.name,
      qty: l.qty_milli,
      unitPrice: l.unit_price,
      baseAmount: l.base_amount,
      discount: l.discount,
      total: l.total,
      net: l.net,
      tax: l.tax,
      taxRateBp: l.tax_rate_bp,
      depositFor: l.deposit_for,
      priceOverrideBy: l.price_override_by,
      originalLineId: l.original_line_id,
      refundedQty: l.refunded_qty_milli,
      /** What the register asked for on this line (modifiers, discount, price override): resuming a parked sale restores it. */
      input: parseInput(l.input),
    })),
    /** The cart discount of an open or parked sale (null once completed or when none). */
    cartDiscount: d.sale.status === 'completed' ? null : cartDiscountOf(d.sale.pricing_input),
    payments: d.payments.map((p) => ({
      id: p.id,
      tender: p.tender,
      customName: p.custom_name,
      amount: p.amount,
      tendered: p.tendered,
      change: p.change,
      tip: p.tip,
      status: p.status,
      voucherCode: p.voucher_code,
      card: p.card_last4 || p.auth_code ? { brand: p.card_brand, last4: p.card_last4, authCode: p.auth_code, terminalRef: p.terminal_ref, terminalTxId: p.terminal_tx_id } : null,
    })),
  };
}

export type SaleJson = ReturnType<typeof presentSale>;
