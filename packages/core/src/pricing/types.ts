import type { CashRoundingConfig, PriceMode, VatRateTotal, VatRoundingMode } from '../tax/index.js';
import type { Minor } from '../money/index.js';

/** A percentage in basis points (1000 = 10 %, at most 10000) or a fixed amount in minor units. */
export type PercentOrAmount = { readonly percentBp: number } | { readonly amount: number };

export interface PricingSettings {
  /** ISO 4217; all amounts are minor units of it. */
  readonly currency: string;
  /** `gross`: unit prices include VAT (B2C in DE); `net`: VAT is added (US, B2B). All amounts are in this mode. */
  readonly priceMode: PriceMode;
  /** Default `per_receipt` (the German method, see `computeVat`). */
  readonly vatRounding?: VatRoundingMode;
  /** Cash rounding of the payable total (e.g. `cashRoundingFor('CH')`); null/absent = none (DE). */
  readonly cashRounding?: CashRoundingConfig | null;
  /** The store's valid tax rates; if given, a line with another rate is refused (`unknown_tax_rate`). */
  readonly taxRatesBp?: readonly number[];
}

export interface LineModifier {
  readonly id: string;
  readonly name?: string;
  /** Added to the unit price (may be negative, e.g. "without cheese"). */
  readonly priceDelta: number;
}

export interface BasketLineInput {
  readonly id: string;
  readonly productId: string;
  readonly variantId?: string;
  readonly categoryIds?: readonly string[];
  /** Catalog unit price in minor units, in the store's price mode. */
  readonly unitPrice: number;
  /** Quantity in milli-units (1000 = 1 piece or 1 kg); must be > 0 (refunds negate a priced receipt). */
  readonly milliQty: number;
  readonly taxRateBp: number;
  /** Manual line discount, applied after line promotions. */
  readonly discount?: PercentOrAmount;
  /** Manual unit price set by staff; replaces catalog and price-list prices. */
  readonly priceOverride?: number;
  /**
   * Makes this line the deposit (Pfand) of line `depositFor`. Deposits are never discounted or
   * promoted and keep their own tax rate. In Germany the deposit shares the VAT rate of the
   * goods it belongs to (it is part of the consideration, UStAE 10.1 Abs. 8), so the catalog
   * should give e.g. milk's deposit 7 % and a soft drink's deposit 19 %.
   */
  readonly depositFor?: string;
  readonly modifiers?: readonly LineModifier[];
}

/** Local wall-clock time of the sale, supplied by the caller so the core stays pure. */
export type PricingNow =
  /** ISO 8601 weekday (1 = Monday … 7 = Sunday) and minutes since local midnight. */
  | { readonly weekday: number; readonly minuteOfDay: number }
  /** An instant plus the store's UTC offset at that instant (e.g. +60 for CET, +120 for CEST). */
  | { readonly iso: string; readonly utcOffsetMinutes: number };

export interface PromotionTarget {
  /** A line matches if any given list matches; no lists = every non-deposit line. */
  readonly productIds?: readonly string[];
  readonly variantIds?: readonly string[];
  readonly categoryIds?: readonly string[];
}

/** Weekday set + minute-of-day range [fromMinute, toMinute); wraps past midnight if from > to. */
export interface TimeWindow {
  readonly weekdays?: readonly number[];
  readonly fromMinute: number;
  readonly toMinute: number;
}

export interface PromotionConditions {
  /** Only with this coupon code in `couponCodes` (case-insensitive). */
  readonly couponCode?: string;
  readonly customerGroups?: readonly string[];
  /** At least one window must contain `now` (no `now` given = not applicable). */
  readonly timeWindows?: readonly TimeWindow[];
  /**
   * Minimum merchandise subtotal (deposits excluded). Line promotions compare it with the
   * subtotal before any promotion/discount; cart promotions with the subtotal after the line stage.
   */
  readonly minBasketAmount?: number;
}

export type PromotionEffect =
  /** "3 for 5 €": every `quantity` whole units of the targeted lines cost `price` together. */
  | { readonly type: 'n_for_price'; readonly quantity: number; readonly price: number }
  /** "Buy 2 get 1 free": per `buy + get` units, the cheapest `get` units get `percentBp` off (default 100 %). */
  | { readonly type: 'buy_x_get_y'; readonly buy: number; readonly get: number; readonly percentBp?: number }
  /** Percent off each targeted line (a category, a product set, happy hour). */
  | { readonly type: 'percent_off'; readonly percentBp: number }
  /** Percent off the targeted subtotal, prorated over the lines. */
  | { readonly type: 'cart_percent_off'; readonly percentBp: number }
  /** Fixed amount off the targeted subtotal (capped at it), prorated over the lines. */
  | { readonly type: 'cart_amount_off'; readonly amount: number };

export interface Promotion {
  readonly id: string;
  readonly name?: string;
  /** Higher runs first; ties by `id` ascending. Default 0. */
  readonly priority?: number;
  /** Default true. A line takes part in at most one exclusive line promotion; at most one exclusive cart promotion applies. */
  readonly exclusive?: boolean;
  readonly target?: PromotionTarget;
  readonly conditions?: PromotionConditions;
  readonly effect: PromotionEffect;
}

export interface PricingInput {
  readonly settings: PricingSettings;
  readonly lines: readonly BasketLineInput[];
  /** Manual cart discount, applied after cart promotions. */
  readonly cartDiscount?: PercentOrAmount;
  readonly couponCodes?: readonly string[];
  readonly customerGroup?: string;
  readonly now?: PricingNow;
  readonly promotions?: readonly Promotion[];
}

export interface ListPrice {
  readonly unitPrice: number;
  readonly priceListId: string;
}

/** Read-only catalog access the caller provides (server: DB-backed; register: local cache). */
export interface CatalogView {
  /** Price-list / customer-group price for a line, if any applies. */
  listPrice?(query: { productId: string; variantId?: string; customerGroup?: string }): ListPrice | undefined;
}

export type AdjustmentSource = 'line_promotion' | 'line_discount' | 'cart_promotion' | 'cart_discount';

/** One reduction of one line; `amount` is positive and in the store's price mode. */
export interface Adjustment {
  readonly lineId: string;
  readonly source: AdjustmentSource;
  readonly promotionId?: string;
  readonly amount: Minor;
}

export interface PricedLine extends BasketLineInput {
  readonly priceSource: 'catalog' | 'price_list' | 'manual';
  readonly priceListId: string | null;
  /** Unit price after price list, override and modifiers. */
  readonly effectiveUnitPrice: Minor;
  /** effectiveUnitPrice × milliQty / 1000, rounded once half-up. */
  readonly baseAmount: Minor;
  readonly promotionDiscount: Minor;
  readonly lineDiscount: Minor;
  /** This line's share of cart promotions and the cart discount. */
  readonly cartDiscount: Minor;
  readonly discountTotal: Minor;
  /** baseAmount − discountTotal, in the store's price mode. */
  readonly total: Minor;
  readonly gross: Minor;
  readonly net: Minor;
  readonly tax: Minor;
  readonly vatLetter: string;
  readonly isDeposit: boolean;
}

export interface AppliedPromotion {
  readonly promotionId: string;
  readonly name?: string;
  readonly level: 'line' | 'cart';
  readonly amount: Minor;
  readonly lineIds: readonly string[];
}

export interface PricingTotals {
  readonly gross: Minor;
  readonly net: Minor;
  readonly tax: Minor;
  /** All promotions and discounts, in the store's price mode. */
  readonly discountTotal: Minor;
  /** Deposit lines, in the store's price mode. */
  readonly depositTotal: Minor;
  /** What the customer pays (= gross). */
  readonly payable: Minor;
  /** `payable` if paid entirely in cash, and the signed rounding difference (0 without cash rounding). */
  readonly cashPayable: Minor;
  readonly cashRoundingAdjustment: Minor;
}

export interface PricedBasket {
  readonly currency: string;
  readonly priceMode: PriceMode;
  readonly lines: PricedLine[];
  readonly adjustments: Adjustment[];
  readonly promotionsApplied: AppliedPromotion[];
  readonly vat: VatRateTotal[];
  readonly totals: PricingTotals;
  /** Coupon codes given that no applied promotion used. */
  readonly unusedCouponCodes: string[];
}
