import { allocate, lineAmount, minor, mulDivRound, type Minor } from '../money/index.js';
import { BP_ONE, computeVat, roundCash } from '../tax/index.js';
import {
  applyLineEffect,
  cartEffectAmount,
  conditionsMet,
  isCartEffect,
  matchesTarget,
  normaliseCoupon,
  resolveNow,
  sortPromotions,
  type Candidate,
  type ConditionContext,
} from './promotions.js';
import type {
  Adjustment,
  AdjustmentSource,
  AppliedPromotion,
  BasketLineInput,
  CatalogView,
  PercentOrAmount,
  PricedBasket,
  PricedLine,
  PricingInput,
} from './types.js';
import { validatePricingInput } from './validate.js';
import { PricingError } from './pricing-error.js';

interface WorkLine {
  readonly line: BasketLineInput;
  readonly index: number;
  readonly isDeposit: boolean;
  readonly priceSource: PricedLine['priceSource'];
  readonly priceListId: string | null;
  readonly unitPrice: number;
  readonly baseAmount: number;
  current: number;
  promotionDiscount: number;
  lineDiscount: number;
  cartDiscount: number;
  claimedExclusive: boolean;
}

function unitPriceOf(
  line: BasketLineInput,
  index: number,
  customerGroup: string | undefined,
  catalog?: CatalogView,
) {
  const listed = catalog?.listPrice?.({
    productId: line.productId,
    variantId: line.variantId,
    customerGroup,
  });
  let unitPrice = line.unitPrice;
  let priceSource: PricedLine['priceSource'] = 'catalog';
  let priceListId: string | null = null;
  if (listed) {
    validatePriceFromCatalog(listed.unitPrice, index);
    unitPrice = listed.unitPrice;
    priceSource = 'price_list';
    priceListId = listed.priceListId;
  }
  if (line.priceOverride !== undefined) {
    unitPrice = line.priceOverride;
    priceSource = 'manual';
    priceListId = null;
  }
  for (const m of line.modifiers ?? []) unitPrice += m.priceDelta;
  if (unitPrice < 0)
    throw new PricingError(
      'negative_price',
      `lines[${index}].modifiers`,
      'modifiers make the unit price negative',
    );
  return { unitPrice, priceSource, priceListId };
}

function validatePriceFromCatalog(price: number, index: number): void {
  if (!Number.isSafeInteger(price) || price < 0) {
    throw new PricingError(
      'negative_price',
      `lines[${index}].unitPrice`,
      `catalog price list returned ${price}`,
    );
  }
}

function manualDiscount(d: PercentOrAmount, base: number): number {
  return 'percentBp' in d ? mulDivRound(base, d.percentBp, BP_ONE) : Math.min(d.amount, base);
}

/**
 * Prices a basket. The same pure function runs on the server and on the offline register.
 *
 * Application order (each stage works on the line amounts left by the previous one):
 * 1. Unit price: catalog `unitPrice` → price list / customer-group price (`catalog.listPrice`)
 *    → manual `priceOverride` → plus modifier deltas.
 * 2. Line amount = unit price × milliQty / 1000, rounded once, half-up.
 * 3. Line promotions, by priority (desc) then id (asc). A line takes part in at most one
 *    exclusive promotion (the first that uses it); non-exclusive (stackable) promotions apply
 *    on top, each on the amount left. Deposits never take part.
 * 4. Manual line discount (percent of the amount left, or an amount capped at it).
 * 5. Cart promotions, same order; only the first applicable exclusive one applies, stackable
 *    ones compose. Then the manual cart discount. Each cart reduction is computed on the
 *    targeted subtotal and prorated over those lines with `allocate` (largest remainder,
 *    weights = current line amounts), so across VAT rates no cent is created or lost.
 * 6. VAT per rate (`computeVat`, per receipt or per line) → totals → cash rounding of the payable.
 *
 * All amounts are integer minor units in the store's price mode. Only input fields are read, so
 * feeding the priced lines back in gives the same result (idempotent).
 */
export function priceBasket(input: PricingInput, catalog?: CatalogView): PricedBasket {
  validatePricingInput(input);
  const { settings } = input;
  const work: WorkLine[] = input.lines.map((line, index) => {
    const { unitPrice, priceSource, priceListId } = unitPriceOf(line, index, input.customerGroup, catalog);
    const baseAmount = lineAmount(unitPrice, line.milliQty);
    return {
      line,
      index,
      isDeposit: line.depositFor !== undefined,
      priceSource,
      priceListId,
      unitPrice,
      baseAmount,
      current: baseAmount,
      promotionDiscount: 0,
      lineDiscount: 0,
      cartDiscount: 0,
      claimedExclusive: false,
    };
  });
  const merchandise = work.filter((w) => !w.isDeposit);
  const adjustments: Adjustment[] = [];
  const applied: AppliedPromotion[] = [];
  const usedCoupons = new Set<string>();
  const coupons = new Set((input.couponCodes ?? []).map(normaliseCoupon));
  const now = resolveNow(input.now);
  const ctx = (subtotal: number): ConditionContext => ({
    coupons,
    customerGroup: input.customerGroup,
    now,
    subtotal,
  });
  const subtotal = (): number => merchandise.reduce((a, w) => a + w.current, 0);

  const reduce = (w: WorkLine, amount: number, source: AdjustmentSource, promotionId?: string): void => {
    if (amount <= 0) return;
    w.current -= amount;
    if (source === 'line_promotion') w.promotionDiscount += amount;
    else if (source === 'line_discount') w.lineDiscount += amount;
    else w.cartDiscount += amount;
    adjustments.push({
      lineId: w.line.id,
      source,
      ...(promotionId !== undefined ? { promotionId } : {}),
      amount: minor(amount),
    });
  };
  const record = (
    promotionId: string,
    name: string | undefined,
    level: 'line' | 'cart',
    perLine: Map<number, number>,
  ): void => {
    const amount = [...perLine.values()].reduce((a, b) => a + b, 0);
    if (amount <= 0) return;
    applied.push({
      promotionId,
      ...(name !== undefined ? { name } : {}),
      level,
      amount: minor(amount),
      lineIds: [...perLine.keys()].sort((a, b) => a - b).map((i) => work[i]!.line.id),
    });
  };
  const noteCoupon = (code: string | undefined): void => {
    if (code !== undefined) usedCoupons.add(normaliseCoupon(code));
  };

  const promotions = sortPromotions(input.promotions ?? []);

  // 3. line promotions
  const preSubtotal = subtotal();
  for (const p of promotions) {
    if (isCartEffect(p.effect) || !conditionsMet(p, ctx(preSubtotal))) continue;
    const exclusive = p.exclusive ?? true;
    const cands: Candidate[] = merchandise
      .filter((w) => w.current > 0 && !(exclusive && w.claimedExclusive) && matchesTarget(p.target, w.line))
      .map((w) => ({
        index: w.index,
        unitPrice: w.unitPrice,
        milliQty: w.line.milliQty,
        current: w.current,
      }));
    const outcome = applyLineEffect(p.effect, cands);
    if (outcome.discounts.size === 0) continue;
    if (exclusive) for (const i of outcome.participants) work[i]!.claimedExclusive = true;
    for (const [i, d] of [...outcome.discounts].sort((a, b) => a[0] - b[0]))
      reduce(work[i]!, d, 'line_promotion', p.id);
    record(p.id, p.name, 'line', outcome.discounts);
    noteCoupon(p.conditions?.couponCode);
  }

  // 4. manual line discounts
  for (const w of merchandise)
    if (w.line.discount) reduce(w, manualDiscount(w.line.discount, w.current), 'line_discount');

  // 5. cart promotions, then the manual cart discount
  const prorate = (
    lines: WorkLine[],
    amount: number,
    source: AdjustmentSource,
    promotionId?: string,
  ): Map<number, number> => {
    const out = new Map<number, number>();
    if (amount <= 0) return out;
    const shares = allocate(
      amount,
      lines.map((w) => w.current),
    );
    lines.forEach((w, k) => {
      if (shares[k]! > 0) out.set(w.index, shares[k]!);
      reduce(w, shares[k]!, source, promotionId);
    });
    return out;
  };
  const cartSubtotal = subtotal();
  let exclusiveCartApplied = false;
  for (const p of promotions) {
    if (!isCartEffect(p.effect) || !conditionsMet(p, ctx(cartSubtotal))) continue;
    const exclusive = p.exclusive ?? true;
    if (exclusive && exclusiveCartApplied) continue;
    const targeted = merchandise.filter((w) => w.current > 0 && matchesTarget(p.target, w.line));
    const amount = cartEffectAmount(
      p.effect,
      targeted.reduce((a, w) => a + w.current, 0),
    );
    if (amount <= 0) continue;
    if (exclusive) exclusiveCartApplied = true;
    record(p.id, p.name, 'cart', prorate(targeted, amount, 'cart_promotion', p.id));
    noteCoupon(p.conditions?.couponCode);
  }
  if (input.cartDiscount) {
    const targeted = merchandise.filter((w) => w.current > 0);
    prorate(
      targeted,
      manualDiscount(
        input.cartDiscount,
        targeted.reduce((a, w) => a + w.current, 0),
      ),
      'cart_discount',
    );
  }

  // 6. VAT and totals
  const vat = computeVat(
    work.map((w) => ({ amount: w.current, rateBp: w.line.taxRateBp })),
    { priceMode: settings.priceMode, rounding: settings.vatRounding ?? 'per_receipt' },
  );
  const letters = new Map(vat.rates.map((r) => [r.rateBp as number, r.letter]));
  const lines: PricedLine[] = work.map((w, i) => {
    const v = vat.lines[i]!;
    const discountTotal = w.promotionDiscount + w.lineDiscount + w.cartDiscount;
    const l = w.line;
    // Input fields are copied explicitly (not spread): a fixed object shape keeps V8 on its fast
    // path (spreading made pricing ~3× slower) and drops stale computed fields of a re-fed line.
    return {
      id: l.id,
      productId: l.productId,
      variantId: l.variantId,
      categoryIds: l.categoryIds,
      unitPrice: l.unitPrice,
      milliQty: l.milliQty,
      taxRateBp: l.taxRateBp,
      discount: l.discount,
      priceOverride: l.priceOverride,
      depositFor: l.depositFor,
      modifiers: l.modifiers,
      priceSource: w.priceSource,
      priceListId: w.priceListId,
      effectiveUnitPrice: minor(w.unitPrice),
      baseAmount: minor(w.baseAmount),
      promotionDiscount: minor(w.promotionDiscount),
      lineDiscount: minor(w.lineDiscount),
      cartDiscount: minor(w.cartDiscount),
      discountTotal: minor(discountTotal),
      total: minor(w.current),
      gross: v.gross,
      net: v.net,
      tax: v.tax,
      vatLetter: letters.get(w.line.taxRateBp)!,
      isDeposit: w.isDeposit,
    };
  });
  const sumOf = (xs: number[]): Minor => minor(xs.reduce((a, b) => a + b, 0));
  const cash = roundCash(vat.gross, settings.cashRounding);
  return {
    currency: settings.currency,
    priceMode: settings.priceMode,
    lines,
    adjustments,
    promotionsApplied: applied,
    vat: vat.rates,
    totals: {
      gross: vat.gross,
      net: vat.net,
      tax: vat.tax,
      discountTotal: sumOf(adjustments.map((a) => a.amount)),
      depositTotal: sumOf(work.filter((w) => w.isDeposit).map((w) => w.current)),
      payable: vat.gross,
      cashPayable: cash.amount,
      cashRoundingAdjustment: cash.adjustment,
    },
    unusedCouponCodes: [...coupons].filter((c) => !usedCoupons.has(c)),
  };
}
