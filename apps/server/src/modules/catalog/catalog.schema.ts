import { z } from 'zod';
import { plainText } from '../stores/stores.schema.js';

/** Request schemas of the catalog API. Money is integer minor units, quantities milli-units. */

const name = (max: number) => plainText(max).pipe(z.string().min(1, 'required'));
export const minorAmount = z.number().int('must be an integer (minor units)').min(0, 'negative_price: must not be negative').max(100_000_000);
const delta = z.number().int('must be an integer (minor units)').min(-100_000_000).max(100_000_000);
const skuText = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - / only');
const barcodeText = z
  .string()
  .trim()
  .min(1, 'required')
  .max(100)
  // eslint-disable-next-line no-control-regex -- GS (0x1d) is the only control character a scan may carry
  .refine((v) => !/[\u0000-\u001c\u001e-\u001f\u007f]/.test(v), 'must not contain control characters');
const url = z.url({ protocol: /^https?$/ }).max(500);
const options = z
  .record(plainText(40).pipe(z.string().min(1)), plainText(60).pipe(z.string().min(1)))
  .refine((o) => Object.keys(o).length <= 5, 'at most 5 options');
const bp = z.number().int().min(0).max(10_000);
const isoDateTime = z.iso.datetime({ offset: true });
export const UNITS = ['piece', 'kg', 'l', 'm'] as const;

export const idParams = z.strictObject({ id: z.uuid() });
export const storeQuery = z.strictObject({ storeId: z.uuid().optional() });
export const noQuery = z.strictObject({});

export const priceInput = z.strictObject({ storeId: z.uuid(), price: minorAmount });
export const barcodeInput = z.strictObject({ code: barcodeText });

export const variantBody = z.strictObject({
  sku: skuText,
  name: plainText(120).optional(),
  options: options,
  barcodes: z.array(barcodeInput).max(20).default([]),
  prices: z.array(priceInput).max(100).default([]),
});
export const variantPatch = z.strictObject({
  sku: skuText.optional(),
  name: plainText(120).optional(),
  options: options.optional(),
  status: z.enum(['active', 'archived']).optional(),
});

const productFields = {
  sku: skuText,
  name: name(200),
  description: plainText(2000).default(''),
  categoryId: z.uuid().nullable().default(null),
  taxClass: z.string().regex(/^[a-z][a-z_]{0,31}$/, 'tax class code such as standard, reduced, zero'),
  unit: z.enum(UNITS).default('piece'),
  soldByWeight: z.boolean().default(false),
  imageUrl: url.nullable().default(null),
  depositProductId: z.uuid().nullable().default(null),
  costPrice: minorAmount.nullable().default(null),
  modifierGroupIds: z.array(z.uuid()).max(20).default([]),
};

export const productBody = z.strictObject({
  ...productFields,
  barcodes: z.array(barcodeInput).max(50).default([]),
  prices: z.array(priceInput).max(100).default([]),
  variants: z.array(variantBody).max(200).default([]),
});
export const productPatch = z.strictObject({
  sku: skuText.optional(),
  name: name(200).optional(),
  description: plainText(2000).optional(),
  categoryId: z.uuid().nullable().optional(),
  taxClass: productFields.taxClass.optional(),
  unit: z.enum(UNITS).optional(),
  soldByWeight: z.boolean().optional(),
  imageUrl: url.nullable().optional(),
  depositProductId: z.uuid().nullable().optional(),
  costPrice: minorAmount.nullable().optional(),
  modifierGroupIds: z.array(z.uuid()).max(20).optional(),
  status: z.enum(['active', 'archived']).optional(),
});
export const productBarcodeBody = z.strictObject({ code: barcodeText, variantId: z.uuid().nullable().default(null) });
export const productPriceBody = z.strictObject({
  storeId: z.uuid(),
  variantId: z.uuid().nullable().default(null),
  /** `null` removes the price (the variant then falls back to the product price). */
  price: minorAmount.nullable(),
});

export const productSearchQuery = z.strictObject({
  q: plainText(100).optional(),
  categoryId: z.uuid().optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  storeId: z.uuid().optional(),
  cursor: z.string().max(400).regex(/^[A-Za-z0-9_-]+$/, 'opaque cursor from nextCursor').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const categoryBody = z.strictObject({
  name: name(120),
  parentId: z.uuid().nullable().default(null),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
});
export const categoryPatch = z.strictObject({
  name: name(120).optional(),
  parentId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});

export const taxClassBody = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. DE'),
  code: productFields.taxClass,
  name: name(60),
  rateBp: bp,
});
export const taxClassQuery = z.strictObject({ country: taxClassBody.shape.country.optional() });

const modifierOption = z.strictObject({ id: z.uuid().optional(), name: name(80), priceDelta: delta });
export const modifierGroupBody = z.strictObject({
  name: name(80),
  minSelect: z.number().int().min(0).max(20).default(0),
  maxSelect: z.number().int().min(1).max(20).default(1),
  options: z.array(modifierOption.omit({ id: true })).min(1).max(50),
});
export const modifierGroupPatch = z.strictObject({
  name: name(80).optional(),
  minSelect: z.number().int().min(0).max(20).optional(),
  maxSelect: z.number().int().min(1).max(20).optional(),
  /** Replaces the options: with `id` updated, without created, missing ones retired. */
  options: z.array(modifierOption).min(1).max(50).optional(),
});

const percentOrAmount = z.union([z.strictObject({ percentBp: bp }), z.strictObject({ amount: minorAmount })]);
const timeWindow = z.strictObject({
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  fromMinute: z.number().int().min(0).max(1440),
  toMinute: z.number().int().min(0).max(1440),
});
export const promotionEffect = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('n_for_price'), quantity: z.number().int().min(1).max(1000), price: minorAmount }),
  z.strictObject({ type: z.literal('buy_x_get_y'), buy: z.number().int().min(1).max(1000), get: z.number().int().min(1).max(1000), percentBp: bp.optional() }),
  z.strictObject({ type: z.literal('percent_off'), percentBp: bp }),
  z.strictObject({ type: z.literal('cart_percent_off'), percentBp: bp }),
  z.strictObject({ type: z.literal('cart_amount_off'), amount: minorAmount }),
]);
const promotionFields = {
  name: name(120),
  active: z.boolean().default(true),
  startsAt: isoDateTime.nullable().default(null),
  endsAt: isoDateTime.nullable().default(null),
  priority: z.number().int().min(-1000).max(1000).default(0),
  exclusive: z.boolean().default(true),
  target: z
    .strictObject({
      productIds: z.array(z.uuid()).max(1000).optional(),
      variantIds: z.array(z.uuid()).max(1000).optional(),
      categoryIds: z.array(z.uuid()).max(200).optional(),
    })
    .optional(),
  conditions: z
    .strictObject({
      couponCode: plainText(40).pipe(z.string().min(1)).optional(),
      customerGroups: z.array(plainText(40)).max(20).optional(),
      timeWindows: z.array(timeWindow).max(20).optional(),
      minBasketAmount: minorAmount.optional(),
    })
    .optional(),
  effect: promotionEffect,
};
export const promotionBody = z.strictObject({ storeId: z.uuid(), ...promotionFields });
export const promotionPatch = z.strictObject({
  name: promotionFields.name.optional(),
  active: z.boolean().optional(),
  startsAt: isoDateTime.nullable().optional(),
  endsAt: isoDateTime.nullable().optional(),
  priority: promotionFields.priority.optional(),
  exclusive: z.boolean().optional(),
  target: promotionFields.target,
  conditions: promotionFields.conditions,
  effect: promotionEffect.optional(),
});
export const promotionQuery = z.strictObject({ storeId: z.uuid().optional(), includeInactive: z.enum(['true', 'false']).optional() });

export const lookupQuery = z.strictObject({ code: barcodeText, storeId: z.uuid().optional() });

const quoteLine = z
  .strictObject({
    id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._:-]+$/).optional(),
    productId: z.uuid().optional(),
    variantId: z.uuid().optional(),
    /** A scanned code instead of productId: weight, count or price embedded in it are used. */
    code: barcodeText.optional(),
    qty: z.number().int().min(1, 'must be positive (milli-units)').max(1_000_000_000).optional(),
    modifierOptionIds: z.array(z.uuid()).max(20).default([]),
    discount: percentOrAmount.optional(),
    priceOverride: minorAmount.optional(),
  })
  .refine((l) => (l.productId === undefined) !== (l.code === undefined), { message: 'give productId or code (exactly one)', path: ['productId'] });
export const quoteBody = z.strictObject({
  storeId: z.uuid().optional(),
  lines: z.array(quoteLine).max(500),
  cartDiscount: percentOrAmount.optional(),
  coupons: z.array(plainText(40).pipe(z.string().min(1))).max(10).default([]),
  customerGroup: plainText(40).optional(),
  at: isoDateTime.optional(),
});

export const changesQuery = z.strictObject({
  storeId: z.uuid().optional(),
  since: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export const snapshotQuery = z.strictObject({
  storeId: z.uuid().optional(),
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export type ProductInput = z.infer<typeof productBody>;
export type ProductPatch = z.infer<typeof productPatch>;
export type VariantInput = z.infer<typeof variantBody>;
export type VariantPatch = z.infer<typeof variantPatch>;
export type QuoteInput = z.infer<typeof quoteBody>;
export type PromotionInput = z.infer<typeof promotionBody>;
export type PromotionPatch = z.infer<typeof promotionPatch>;
