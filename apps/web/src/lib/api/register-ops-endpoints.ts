// Register operations: shifts and cash, receipts lookup and refunds, card terminal, receipt delivery.
// Money is integer minor units, quantities milli-units, exactly as the server sends them.
import { api } from './api-client';

const enc = encodeURIComponent;
/** A manager's PIN for an action the cashier lacks permission for (the server audits the approver). */
const overrideHeaders = (pin?: string | null): Record<string, string> | undefined => (pin ? { 'X-Override-Pin': pin } : undefined);

export interface Shift {
  id: string;
  storeId: string;
  registerId: string;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: { userId: string | null; name: string };
  openingFloat: number;
  closedAt: string | null;
  closedBy: { userId: string | null; name: string | null } | null;
  zNumber: number | null;
}

export type CashMovementKind = 'pay_in' | 'pay_out' | 'bank_deposit' | 'tip_out';

export interface CashMovement {
  id: string;
  shiftId: string;
  kind: CashMovementKind;
  amount: number;
  reason: string;
  createdAt: string;
}

interface CountAmount {
  count: number;
  amount: number;
}

export interface ShiftReport {
  kind: 'X' | 'Z';
  shiftId: string;
  registerId: string;
  status: 'open' | 'closed';
  zNumber: number | null;
  openedAt: string;
  openedBy: { userId: string | null; name: string };
  closedAt: string | null;
  closedBy: { userId: string | null; name: string | null } | null;
  openingFloat: number;
  expectedCash: number;
  countedCash: number | null;
  overShort: number | null;
  countedDenominations: Record<string, number> | null;
  sales: CountAmount;
  refunds: CountAmount;
  voids: CountAmount;
  discounts: CountAmount;
  tenders: { tender: string; count: number; amount: number }[];
  change: number;
  tips: CountAmount;
  taxes: { rateBp: number; gross: number; net: number; tax: number }[];
  cash: {
    openingFloat: number;
    cashTenders: number;
    change: number;
    payIn: CountAmount;
    payOut: CountAmount;
    bankDeposit: CountAmount;
    tipOut: CountAmount;
  };
}

export interface SaleHeader {
  id: string;
  storeId: string;
  registerId: string;
  kind: 'sale' | 'refund' | 'exchange';
  status: string;
  originalSaleId: string | null;
  registerSeq: number | null;
  receiptNo: string | null;
  currency: string;
  total: number;
  completedAt: string | null;
}

export interface SaleLine {
  id: string;
  productId: string | null;
  variantId: string | null;
  name: string;
  qty: number;
  unitPrice: number;
  total: number;
  originalLineId: string | null;
  refundedQty: number;
}

export interface SalePayment {
  id: string;
  tender: 'cash' | 'card' | 'voucher' | 'custom';
  customName: string | null;
  amount: number;
  status: string;
  card: { brand: string | null; last4: string | null } | null;
}

export interface Sale extends SaleHeader {
  lines: SaleLine[];
  payments: SalePayment[];
}

export interface RefundBody {
  id: string;
  registerSeq: number;
  receiptNo: string;
  lines: { id: string; originalLineId: string; qty: number }[];
  payments: { id: string; tender: 'cash'; amount: number }[];
  reason?: string;
}

export type CardPaymentStatus = 'pending' | 'approved' | 'declined' | 'cancelled' | 'timeout' | 'failed';

export interface CardPayment {
  id: string;
  registerId: string;
  saleId: string | null;
  amount: number;
  tip: number;
  status: CardPaymentStatus;
  brand: string | null;
  last4: string | null;
  authCode: string | null;
  /** `recover`: the outcome is unknown — ask the server (which asks the terminal) before any retry. */
  next: 'recover' | null;
}

export const shiftsApi = {
  current: (registerId: string) => api<{ shift: Shift | null; lastClosed: Shift | null }>(`/registers/${enc(registerId)}/shifts/current`),
  open: (registerId: string, body: { id: string; openingFloat: number }) =>
    api<Shift>(`/registers/${enc(registerId)}/shifts`, { method: 'POST', body }),
  cashMovement: (shiftId: string, body: { id: string; kind: CashMovementKind; amount: number; reason: string }) =>
    api<CashMovement>(`/shifts/${enc(shiftId)}/cash-movements`, { method: 'POST', body }),
  xReport: (shiftId: string) => api<ShiftReport>(`/shifts/${enc(shiftId)}/x-report`),
  close: (shiftId: string, body: { countedDenominations: Record<string, number> } | { countedCash: number }) =>
    api<ShiftReport>(`/shifts/${enc(shiftId)}/close`, { method: 'POST', body }),
  zReport: (shiftId: string) => api<ShiftReport>(`/shifts/${enc(shiftId)}/z-report`),
};

export const receiptLookupApi = {
  byReceipt: (receiptNo: string) => api<{ items: SaleHeader[] }>(`/sales/by-receipt/${enc(receiptNo)}`),
  /** The sale behind the QR code on a printed receipt (its digital-receipt link token). */
  byReceiptLink: (token: string) => api<{ items: SaleHeader[] }>(`/sales/by-receipt-link/${enc(token)}`),
  sale: (id: string) => api<Sale>(`/sales/${enc(id)}`),
  /** The register's own documents in a time window (oldest first), to continue its numbering. */
  registerDocuments: (registerId: string, from?: string, cursor?: string | null) =>
    api<{ items: SaleHeader[]; nextCursor: string | null }>('/sales', { query: { registerId, from, cursor, limit: 500 } }),
};

export interface ExchangeBody {
  id: string;
  registerSeq: number;
  receiptNo: string;
  returns: { id: string; originalLineId: string; qty: number }[];
  lines: { id: string; productId: string; qty: number }[];
  payments: { id: string; tender: 'cash'; amount: number }[];
  totals: { total: number };
}

/** A product as the exchange search shows it (the fields it reads). */
export interface ProductHit {
  id: string;
  sku: string;
  name: string;
  soldByWeight: boolean;
  status: string;
  variants: unknown[];
  prices: { storeId: string; variantId: string | null; price: number }[];
}

export interface Quote {
  lines: { productId: string; name: string; milliQty: number; total: number; isDeposit: boolean; requestIndex: number }[];
  totals: { payable: number };
}

export const refundsApi = {
  refund: (saleId: string, body: RefundBody, pin?: string | null) =>
    api<Sale>(`/sales/${enc(saleId)}/refunds`, { method: 'POST', body, headers: { 'Idempotency-Key': `refund:${body.id}`, ...overrideHeaders(pin) } }),
  exchange: (saleId: string, body: ExchangeBody, pin?: string | null) =>
    api<Sale>(`/sales/${enc(saleId)}/exchanges`, { method: 'POST', body, headers: { 'Idempotency-Key': `exchange:${body.id}`, ...overrideHeaders(pin) } }),
  searchProducts: (q: string, storeId: string) => api<{ items: ProductHit[] }>('/catalog/products', { query: { q, storeId, status: 'active', limit: 8 } }),
  quote: (storeId: string, lines: { productId: string; qty: number }[]) => api<Quote>('/pricing/quote', { method: 'POST', body: { storeId, lines } }),
};

export const cardPaymentsApi = {
  /** Answers when the terminal has (approved, declined, cancelled — or no answer: `timeout`). */
  start: (registerId: string, body: { id: string; amount: number; tip?: number; saleId?: string }, signal?: AbortSignal) =>
    api<CardPayment>(`/registers/${enc(registerId)}/card-payments`, { method: 'POST', body, signal }),
  recover: (registerId: string, paymentId: string) =>
    api<CardPayment>(`/registers/${enc(registerId)}/card-payments/${enc(paymentId)}/recover`, { method: 'POST' }),
  /** Asks the terminal to abort; the start request then answers `cancelled` (or approved, if the customer was faster). */
  cancel: (registerId: string, paymentId: string) =>
    api<CardPayment>(`/registers/${enc(registerId)}/card-payments/${enc(paymentId)}/cancel`, { method: 'POST' }),
};

export interface DeliveryJob {
  id: string;
  channel: 'print' | 'email' | 'sms';
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';
  attempts: number;
  lastError: string | null;
  bounceReason: string | null;
}

export const receiptDeliveryApi = {
  job: (jobId: string) => api<DeliveryJob>(`/delivery-jobs/${enc(jobId)}`),
  print: (saleId: string, copy = false) =>
    api<{ jobId: string; status: string }>(`/sales/${enc(saleId)}/print`, { method: 'POST', body: copy ? { copy } : {} }),
  email: (saleId: string, to: string) => api<{ jobId: string }>(`/sales/${enc(saleId)}/email`, { method: 'POST', body: { to } }),
  link: (saleId: string) => api<{ token: string; url: string }>(`/sales/${enc(saleId)}/receipt-link`, { method: 'POST' }),
};
