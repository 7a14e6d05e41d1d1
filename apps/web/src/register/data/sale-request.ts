// The body of POST /api/v1/sales (apps/server/src/modules/sales/sales.schema.ts `saleBody`).

export type PercentOrAmount = { percentBp: number } | { amount: number };

export interface SaleLineRequest {
  id: string;
  productId: string;
  variantId?: string;
  qty: number;
  modifierOptionIds: string[];
  discount?: PercentOrAmount;
  priceOverride?: number;
  /** The catalog unit price the register priced with (price-mismatch rule). */
  unitPrice?: number;
}

export interface PaymentRequest {
  id: string;
  tender: 'cash' | 'card' | 'voucher' | 'custom';
  amount: number;
  tendered?: number;
  tip?: number;
  customName?: string;
  voucherCode?: string;
  card?: { brand: string; last4: string; authCode: string; terminalRef: string };
}

export interface SaleRequest {
  id: string;
  registerSeq: number;
  receiptNo: string;
  lines: SaleLineRequest[];
  cartDiscount?: PercentOrAmount;
  coupons: string[];
  customerId: string | null;
  payments: PaymentRequest[];
  totals: { total: number };
  pricedAt: string;
  catalogSeq: number;
  training: boolean;
}
