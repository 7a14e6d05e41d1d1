/**
 * The one receipt document model. Every printed, shown, mailed or downloaded receipt is built as a
 * ReceiptDocument first (from a completed sale/refund/exchange, an X/Z shift report or a cash
 * slip) and then rendered (ESC/POS, HTML, text, PDF). Renderers never read the database.
 *
 * Money is integer minor units of `currency`; quantities are milli-units (1000 = 1 piece).
 */

export type ReceiptLanguage = 'de' | 'en';
export const RECEIPT_LANGUAGES = ['de', 'en'] as const;

export type ReceiptKind = 'sale' | 'refund' | 'exchange' | 'x_report' | 'z_report' | 'cash_in' | 'cash_out';

export interface ReceiptStore {
  name: string;
  /** Street, postal code + city, country — already in print order. */
  addressLines: string[];
  vatId: string | null;
  taxNumber: string | null;
}

export interface ReceiptLine {
  name: string;
  qtyMilli: number;
  /** Unit price incl. VAT (and modifiers). */
  unitPrice: number;
  /** Gross amount before the line discount. */
  baseAmount: number;
  /** Discount on the line (positive = money off for a sale). */
  discount: number;
  /** What the line costs after the discount (gross). */
  total: number;
  rateBp: number;
  /** VAT rate letter printed next to the amount (A = 19 %, B = 7 % …), explained in the VAT table. */
  rateLetter: string;
  modifiers: string[];
  /** A bottle deposit (Pfand) line. */
  deposit: boolean;
}

export interface ReceiptVatRow {
  letter: string;
  rateBp: number;
  net: number;
  tax: number;
  gross: number;
}

export interface ReceiptCardSlip {
  brand: string | null;
  last4: string | null;
  authCode: string | null;
  terminalRef: string | null;
  terminalTxId: string | null;
}

export interface ReceiptTender {
  tender: 'cash' | 'card' | 'voucher' | 'custom' | string;
  /** A custom tender's own name; the label for the others comes from the language. */
  customName: string | null;
  amount: number;
  /** Cash handed over (cash only). */
  tendered: number | null;
  change: number;
  tip: number;
  card: ReceiptCardSlip | null;
  voucherCode: string | null;
}

export interface ReceiptTotals {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  /** Cash rounding (e.g. to 0.05); 0 when none. */
  rounding: number;
  /** total + rounding: what was actually paid. */
  payable: number;
}

/** Section of an X or Z report. Amounts in minor units. */
export interface ReceiptShiftReport {
  zNumber: number | null;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  sales: { count: number; amount: number };
  refunds: { count: number; amount: number };
  voids: { count: number; amount: number };
  discounts: { count: number; amount: number };
  tenders: { tender: string; count: number; amount: number }[];
  cash: { openingFloat: number; cashTenders: number; change: number; payIn: number; payOut: number; bankDeposit: number; tipOut: number };
  expectedCash: number;
  countedCash: number | null;
  overShort: number | null;
}

export interface ReceiptCashSlip {
  movement: 'pay_in' | 'pay_out' | 'bank_deposit' | 'tip_out';
  amount: number;
  reason: string;
}

/**
 * Fiscal fields (German TSE, KassenSichV § 6). Filled by the fiscal issue; absent until then.
 * When present, renderers print them and the QR carries `qrPayload` (the DSFinV-K "V0" string).
 */
export interface ReceiptFiscal {
  tseSerial: string;
  clientId: string;
  transactionNumber: number;
  signatureCounter: number;
  startTime: string;
  endTime: string;
  signatureAlgorithm: string;
  timeFormat: string;
  signature: string;
  publicKey: string;
  processType: string;
  qrPayload: string;
  /** Set when the TSE was unavailable: the receipt must show the failure. */
  failure?: string;
}

export interface ReceiptDocument {
  kind: ReceiptKind;
  /** The sale, shift or cash movement this receipt shows. */
  sourceId: string;
  language: ReceiptLanguage;
  currency: string;
  /** A reprint: marked "KOPIE"/"COPY". */
  copy: boolean;
  /** A training sale (not a real sale). */
  training: boolean;
  store: ReceiptStore;
  /** Template lines printed under the store address and at the end. */
  header: string[];
  footer: string[];
  /** The store logo (base64 PNG), printed as a raster image on paper. */
  logoPng: string | null;
  register: { id: string; name: string };
  cashier: string | null;
  /** Receipt number (sale documents), Z number (Z report), otherwise null. */
  number: string | null;
  /** For refunds and exchanges: the receipt number of the original sale. */
  originalNumber: string | null;
  /** UTC instant the document was completed / taken. */
  issuedAt: string;
  /** `issuedAt` in the store's time zone, formatted for the language (date and time separately). */
  localDate: string;
  localTime: string;
  timeZone: string;
  lines: ReceiptLine[];
  vat: ReceiptVatRow[];
  totals: ReceiptTotals | null;
  tenders: ReceiptTender[];
  /** Change handed back in cash (sum over tenders). */
  change: number;
  report: ReceiptShiftReport | null;
  cashSlip: ReceiptCashSlip | null;
  /** Link to the digital receipt (`<publicUrl>/r/<token>`); the QR code on paper points here. */
  digitalReceiptUrl: string | null;
  fiscal?: ReceiptFiscal;
}
