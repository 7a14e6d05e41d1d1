import { PricingError, priceBasket, type PricedBasket, type PricingInput } from '@opentill/core';
import type { RequestContext } from '../../platform/context.js';
import { conflict, invalid } from '../../platform/errors.js';
import { currentSeq } from '../catalog/change-log.js';
import { buildPricingInput, type BuiltQuote } from '../catalog/quote.js';
import type { StoreRow } from '../stores/stores.repository.js';
import type { SaleLineInput } from './sales.schema.js';

/**
 * Server-side pricing of a sale: the register's lines go through the same core engine
 * (`buildPricingInput` → `priceBasket`) as /pricing/quote, and the result is compared with the
 * register's total.
 *
 * PRICE-MISMATCH RULE:
 * 1. The server prices the basket with today's catalog at `pricedAt` (the register's clock, so
 *    time-windowed promotions match what the register saw). Equal total → accepted, price_source
 *    `server`.
 * 2. Otherwise the register's catalog version is accepted only when ALL of these hold:
 *    a. the request names the catalog version it priced with (`catalogSeq`, ≤ the server's current
 *       catalog sequence);
 *    b. every line whose catalog unit price differs names the register's price (`lines[].unitPrice`)
 *       and its product changed in the catalog after `catalogSeq` (a `product` entry in the change
 *       log with seq > catalogSeq) — i.e. the difference is explained by a later catalog change;
 *    c. re-pricing with the register's unit prices for exactly those lines (discounts, promotions,
 *       deposits and taxes still computed by the engine) gives the register's total to the cent.
 *    Then the sale is recorded with those prices, price_source `register` and the difference to
 *    today's prices (register − server) on the sale and in the journal entry.
 * 3. Anything else is refused: 409 `price_mismatch` with expected, received and difference.
 */

export interface DocLine {
  id: string;
  productId: string;
  variantId: string | null;
  name: string;
  qtyMilli: number;
  unitPrice: number;
  baseAmount: number;
  discount: number;
  total: number;
  net: number;
  tax: number;
  taxRateBp: number;
  depositFor: string | null;
  originalLineId: string | null;
  priceOverride: boolean;
  input: Record<string, unknown>;
}

export interface PricedDoc {
  lines: DocLine[];
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  /** What the customer pays (gross), before cash rounding. */
  total: number;
  /** Total if paid all in cash (cash rounding), and the difference. */
  cashTotal: number;
  cashRounding: number;
  vat: { rateBp: number; gross: number; net: number; tax: number }[];
  priceSource: 'server' | 'register';
  priceDifference: number;
  /** Lines priced with the register's unit price (rule 2). */
  registerPrices: { lineId: string; registerUnitPrice: number; serverUnitPrice: number }[];
}

export interface Basket {
  lines: SaleLineInput[];
  cartDiscount?: { percentBp: number } | { amount: number } | undefined;
  coupons: string[];
}

function run(input: PricingInput, origin: BuiltQuote['origin']): PricedBasket {
  try {
    return priceBasket(input);
  } catch (err) {
    if (err instanceof PricingError) {
      const m = /^lines\[(\d+)\]/.exec(err.field);
      const i = m ? origin[Number(m[1])] : undefined;
      throw invalid(err.code, err.message, { field: i === undefined || i === null ? `body.${err.field}` : `body.lines.${i}` });
    }
    throw err;
  }
}

function toDoc(basket: PricedBasket, built: BuiltQuote, body: Basket): PricedDoc {
  const lines: DocLine[] = basket.lines.map((l) => {
    const req = body.lines.find((r) => r.id === l.id) ?? body.lines.find((r) => `${r.id}:deposit` === l.id);
    const isDeposit = l.isDeposit;
    return {
      id: l.id,
      productId: l.productId,
      variantId: l.variantId ?? null,
      name: built.names.get(l.id) ?? '',
      qtyMilli: l.milliQty,
      unitPrice: l.effectiveUnitPrice,
      baseAmount: l.baseAmount,
      discount: l.discountTotal,
      total: l.gross,
      net: l.net,
      tax: l.tax,
      taxRateBp: l.taxRateBp,
      depositFor: l.depositFor ?? null,
      originalLineId: null,
      priceOverride: !isDeposit && l.priceOverride !== undefined,
      input: isDeposit || !req ? {} : { modifierOptionIds: req.modifierOptionIds, discount: req.discount ?? null, priceOverride: req.priceOverride ?? null },
    };
  });
  const t = basket.totals;
  return {
    lines,
    subtotal: lines.reduce((s, l) => s + l.baseAmount, 0),
    discountTotal: t.discountTotal,
    taxTotal: t.tax,
    total: t.payable,
    cashTotal: t.cashPayable,
    cashRounding: t.cashRoundingAdjustment,
    vat: basket.vat.map((v) => ({ rateBp: v.rateBp, gross: v.gross, net: v.net, tax: v.tax })),
    priceSource: 'server',
    priceDifference: 0,
    registerPrices: [],
  };
}

async function build(ctx: RequestContext, store: StoreRow, body: Basket, at: Date): Promise<BuiltQuote> {
  return buildPricingInput(ctx, store, {
    storeId: store.id,
    lines: body.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      ...(l.variantId && { variantId: l.variantId }),
      qty: l.qty,
      modifierOptionIds: l.modifierOptionIds,
      ...(l.discount && { discount: l.discount }),
      ...(l.priceOverride !== undefined && { priceOverride: l.priceOverride }),
    })),
    ...(body.cartDiscount && { cartDiscount: body.cartDiscount }),
    coupons: body.coupons,
    at: at.toISOString(),
  });
}

/** Prices a basket with today's catalog (open and parked sales, previews). */
export async function priceBasketForSale(ctx: RequestContext, store: StoreRow, body: Basket, at: Date): Promise<PricedDoc> {
  const built = await build(ctx, store, body, at);
  return toDoc(run(built.input, built.origin), built, body);
}

/** Products changed in the catalog after `seq`. */
async function productsChangedAfter(ctx: RequestContext, seq: number, productIds: string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const rows = await ctx.db
    .selectFrom('catalog_changes')
    .select('entity_id')
    .where('org_id', '=', ctx.actor!.orgId)
    .where('entity_type', '=', 'product')
    .where('seq', '>', seq)
    .where('entity_id', 'in', productIds)
    .execute();
  return new Set(rows.map((r) => r.entity_id));
}

/**
 * Prices a sale and checks the register's total by the rule above. `due` maps a priced document
 * to the amount the register's total must equal (the cash-rounded total when paid all in cash).
 */
export async function priceAndCheck(
  ctx: RequestContext,
  store: StoreRow,
  body: Basket & { registerTotal: number; catalogSeq?: number | undefined; at: Date },
  due: (doc: PricedDoc) => number,
): Promise<PricedDoc> {
  const built = await build(ctx, store, body, body.at);
  const doc = toDoc(run(built.input, built.origin), built, body);
  if (due(doc) === body.registerTotal) return doc;

  const refuse = (): never => {
    throw conflict('price_mismatch', `The register's total ${body.registerTotal} differs from the server's ${due(doc)}`, {
      field: 'body.totals.total',
      expected: due(doc),
      received: body.registerTotal,
      difference: body.registerTotal - due(doc),
      lines: doc.lines.map((l) => ({ id: l.id, unitPrice: l.unitPrice, total: l.total })),
    });
  };
  if (body.catalogSeq === undefined || body.catalogSeq > (await currentSeq(ctx))) return refuse();
  const differing = built.input.lines.flatMap((l) => {
    const req = body.lines.find((r) => r.id === l.id);
    return req?.unitPrice !== undefined && req.unitPrice !== l.unitPrice && req.priceOverride === undefined
      ? [{ lineId: l.id, productId: l.productId, registerUnitPrice: req.unitPrice, serverUnitPrice: l.unitPrice }]
      : [];
  });
  if (differing.length === 0) return refuse();
  const changed = await productsChangedAfter(ctx, body.catalogSeq, [...new Set(differing.map((d) => d.productId))]);
  if (!differing.every((d) => changed.has(d.productId))) return refuse();
  const prices = new Map(differing.map((d) => [d.lineId, d.registerUnitPrice]));
  const input: PricingInput = { ...built.input, lines: built.input.lines.map((l) => (prices.has(l.id) ? { ...l, unitPrice: prices.get(l.id)! } : l)) };
  const registerDoc = toDoc(run(input, built.origin), built, body);
  if (due(registerDoc) !== body.registerTotal) return refuse();
  return {
    ...registerDoc,
    priceSource: 'register',
    priceDifference: registerDoc.total - doc.total,
    registerPrices: differing.map(({ lineId, registerUnitPrice, serverUnitPrice }) => ({ lineId, registerUnitPrice, serverUnitPrice })),
  };
}
