import { z } from 'zod';
import { plainText } from '../stores/stores.schema.js';

/**
 * Request schemas of the sales API. Ids are the register's UUIDs (v7), money is integer minor units
 * (signed: a refund's total and payments are negative), quantities are milli-units.
 */
const money = z.number().int('must be an integer (minor units)').min(-100_000_000).max(100_000_000);
const positive = z.number().int('must be an integer (minor units)').min(0).max(100_000_000);
const percentOrAmount = z.union([
  z.strictObject({ percentBp: z.number().int().min(0).max(10_000) }),
  z.strictObject({ amount: positive }),
]);
const qty = z.number().int('must be an integer (milli-units)').min(1, 'must be positive (milli-units); returns belong in a refund').max(1_000_000_000);
const isoDateTime = z.iso.datetime({ offset: true });
export const receiptNo = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits and . _ - / only');
export const registerSeq = z.number().int().min(1).max(2_147_483_647);

export const saleLineInput = z.strictObject({
  id: z.uuid(),
  productId: z.uuid(),
  variantId: z.uuid().optional(),
  qty,
  modifierOptionIds: z.array(z.uuid()).max(20).default([]),
  discount: percentOrAmount.optional(),
  priceOverride: positive.optional(),
  /** The catalog unit price the register priced with (see the price-mismatch rule). */
  unitPrice: positive.optional(),
});

export const TENDERS = ['cash', 'card', 'voucher', 'custom'] as const;
export const paymentInput = z
  .strictObject({
    id: z.uuid(),
    tender: z.enum(TENDERS),
    amount: money.refine((v) => v !== 0, 'must not be zero'),
    /** Cash handed over (cash only); change = tendered − amount. */
    tendered: positive.optional(),
    tip: positive.default(0),
    customName: plainText(40).pipe(z.string().min(1)).optional(),
    voucherCode: plainText(64).pipe(z.string().min(1)).optional(),
    /** Card data as the terminal reported it: never a card number. */
    card: z
      .strictObject({
        brand: plainText(40).pipe(z.string().min(1)),
        last4: z.string().regex(/^\d{4}$/, 'exactly the last 4 digits'),
        authCode: plainText(20).pipe(z.string().min(1)),
        terminalRef: plainText(64).pipe(z.string().min(1)),
      })
      .optional(),
  })
  .refine((p) => p.tender === 'cash' || p.tendered === undefined, { message: 'only cash has tendered', path: ['tendered'] })
  .refine((p) => (p.tender === 'custom') === (p.customName !== undefined), { message: 'customName is required for (only) custom tenders', path: ['customName'] })
  .refine((p) => p.tender === 'card' || p.card === undefined, { message: 'card data only for card payments', path: ['card'] });

const basketFields = {
  lines: z.array(saleLineInput).min(1).max(500),
  cartDiscount: percentOrAmount.optional(),
  coupons: z.array(plainText(40).pipe(z.string().min(1))).max(10).default([]),
  customerId: z.uuid().nullable().default(null),
};

export const saleBody = z.strictObject({
  id: z.uuid(),
  /** Only for back-office/API callers; a register session sells on its own register. */
  registerId: z.uuid().optional(),
  registerSeq,
  receiptNo,
  ...basketFields,
  payments: z.array(paymentInput).min(1).max(20),
  totals: z.strictObject({ total: money }),
  pricedAt: isoDateTime.optional(),
  catalogSeq: z.number().int().min(0).max(2_147_483_647).optional(),
  training: z.boolean().default(false),
});

export const openSaleBody = z.strictObject({ id: z.uuid(), registerId: z.uuid().optional(), ...basketFields });
export const saleLinesPatch = z.strictObject({
  lines: basketFields.lines,
  cartDiscount: percentOrAmount.nullable().optional(),
  coupons: basketFields.coupons.optional(),
  customerId: z.uuid().nullable().optional(),
});
export const addPaymentBody = paymentInput;
export const completeBody = z.strictObject({ registerSeq, receiptNo, payments: z.array(paymentInput).max(20).default([]) });
export const resumeBody = z.strictObject({ registerId: z.uuid().optional() });
export const voidBody = z.strictObject({ reason: plainText(200).pipe(z.string().min(1)) });

const returnLine = z.strictObject({ id: z.uuid(), originalLineId: z.string().min(1).max(80), qty });
export const refundBody = z.strictObject({
  id: z.uuid(),
  registerId: z.uuid().optional(),
  registerSeq,
  receiptNo,
  lines: z.array(returnLine).min(1).max(500),
  payments: z.array(paymentInput).min(1).max(20),
  reason: plainText(200).optional(),
});
export const exchangeBody = z.strictObject({
  id: z.uuid(),
  registerId: z.uuid().optional(),
  registerSeq,
  receiptNo,
  returns: z.array(returnLine).min(1).max(500),
  lines: z.array(saleLineInput).min(1).max(500),
  payments: z.array(paymentInput).max(20).default([]),
  totals: z.strictObject({ total: money }),
});
/** A refund without a receipt: priced from today's catalog, needs sales.refund.no_receipt. */
export const noReceiptRefundBody = z.strictObject({
  id: z.uuid(),
  registerId: z.uuid().optional(),
  registerSeq,
  receiptNo,
  lines: z.array(saleLineInput.omit({ unitPrice: true, discount: true })).min(1).max(100),
  payments: z.array(paymentInput).min(1).max(20),
  reason: plainText(200).pipe(z.string().min(1)),
});

export const idParams = z.strictObject({ id: z.uuid() });
export const receiptParams = z.strictObject({ receiptNo });
export const storeQuery = z.strictObject({ storeId: z.uuid().optional() });
export const listQuery = z.strictObject({
  storeId: z.uuid().optional(),
  registerId: z.uuid().optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type SaleLineInput = z.infer<typeof saleLineInput>;
export type PaymentInput = z.infer<typeof paymentInput>;
export type SaleBody = z.infer<typeof saleBody>;
export type OpenSaleBody = z.infer<typeof openSaleBody>;
export type SaleLinesPatch = z.infer<typeof saleLinesPatch>;
export type RefundBody = z.infer<typeof refundBody>;
export type ExchangeBody = z.infer<typeof exchangeBody>;
export type NoReceiptRefundBody = z.infer<typeof noReceiptRefundBody>;
export type ReturnLine = z.infer<typeof returnLine>;
