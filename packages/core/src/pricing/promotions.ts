import { allocate, mulDivRound } from '../money/index.js';
import { BP_ONE } from '../tax/index.js';
import type {
  BasketLineInput,
  PricingNow,
  Promotion,
  PromotionEffect,
  PromotionTarget,
  TimeWindow,
} from './types.js';

export interface LocalTime {
  readonly weekday: number;
  readonly minuteOfDay: number;
}

const MS_PER_MINUTE = 60000;

/** Resolves `now` to local ISO weekday + minute of day (pure: the caller supplies the offset). */
export function resolveNow(now: PricingNow | undefined): LocalTime | undefined {
  if (now === undefined) return undefined;
  if (!('iso' in now)) return now;
  const local = new Date(Date.parse(now.iso) + now.utcOffsetMinutes * MS_PER_MINUTE);
  return {
    weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(),
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

export function inWindow(w: TimeWindow, t: LocalTime): boolean {
  if (w.weekdays && w.weekdays.length > 0 && !w.weekdays.includes(t.weekday)) return false;
  if (w.fromMinute === w.toMinute) return true;
  return w.fromMinute < w.toMinute
    ? t.minuteOfDay >= w.fromMinute && t.minuteOfDay < w.toMinute
    : t.minuteOfDay >= w.fromMinute || t.minuteOfDay < w.toMinute;
}

export const normaliseCoupon = (code: string): string => code.trim().toUpperCase();

export interface ConditionContext {
  readonly coupons: ReadonlySet<string>;
  readonly customerGroup: string | undefined;
  readonly now: LocalTime | undefined;
  readonly subtotal: number;
}

export function conditionsMet(p: Promotion, ctx: ConditionContext): boolean {
  const c = p.conditions;
  if (!c) return true;
  if (c.couponCode !== undefined && !ctx.coupons.has(normaliseCoupon(c.couponCode))) return false;
  if (c.customerGroups && (ctx.customerGroup === undefined || !c.customerGroups.includes(ctx.customerGroup)))
    return false;
  if (c.timeWindows && c.timeWindows.length > 0) {
    const now = ctx.now;
    if (!now || !c.timeWindows.some((w) => inWindow(w, now))) return false;
  }
  if (c.minBasketAmount !== undefined && ctx.subtotal < c.minBasketAmount) return false;
  return true;
}

export function matchesTarget(target: PromotionTarget | undefined, line: BasketLineInput): boolean {
  if (!target) return true;
  const { productIds, variantIds, categoryIds } = target;
  if (!productIds && !variantIds && !categoryIds) return true;
  return (
    (productIds?.includes(line.productId) ?? false) ||
    (line.variantId !== undefined && (variantIds?.includes(line.variantId) ?? false)) ||
    (line.categoryIds?.some((c) => categoryIds?.includes(c)) ?? false)
  );
}

/** Application order: priority descending, then id ascending (plain code-unit comparison, locale-independent). */
export function sortPromotions(promotions: readonly Promotion[]): Promotion[] {
  return [...promotions].sort(
    (a, b) => (b.priority ?? 0) - (a.priority ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export const isCartEffect = (e: PromotionEffect): boolean =>
  e.type === 'cart_percent_off' || e.type === 'cart_amount_off';

export interface Candidate {
  readonly index: number;
  readonly unitPrice: number;
  readonly milliQty: number;
  /** Current line amount (after earlier stages); discounts are capped at it. */
  readonly current: number;
}

export interface LinePromotionOutcome {
  /** Discount per line index (> 0 only). */
  readonly discounts: Map<number, number>;
  /** Lines that took part (qualifying or rewarded); exclusive promotions claim them. */
  readonly participants: number[];
}

const NONE: LinePromotionOutcome = { discounts: new Map(), participants: [] };

interface UnitGroup {
  readonly index: number;
  readonly unitPrice: number;
  readonly units: number;
}

/** Only whole units count for quantity promotions; weighed lines (0.347 kg) never qualify. */
function wholeUnits(cands: readonly Candidate[]): UnitGroup[] {
  return cands
    .filter((c) => c.milliQty % 1000 === 0)
    .map((c) => ({ index: c.index, unitPrice: c.unitPrice, units: c.milliQty / 1000 }));
}

const byPriceDesc = (a: UnitGroup, b: UnitGroup): number => b.unitPrice - a.unitPrice || a.index - b.index;
const byPriceAsc = (a: UnitGroup, b: UnitGroup): number => a.unitPrice - b.unitPrice || a.index - b.index;

/** Takes `count` units from `groups` in order; returns units taken per line index. */
function take(
  groups: readonly UnitGroup[],
  count: number,
  already?: Map<number, number>,
): Map<number, number> {
  const out = new Map<number, number>();
  let left = count;
  for (const g of groups) {
    if (left === 0) break;
    const available = g.units - (already?.get(g.index) ?? 0);
    const n = Math.min(available, left);
    if (n > 0) out.set(g.index, n);
    left -= n;
  }
  return out;
}

function capped(discounts: Map<number, number>, cands: readonly Candidate[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of cands) {
    const d = Math.min(discounts.get(c.index) ?? 0, c.current);
    if (d > 0) out.set(c.index, d);
  }
  return out;
}

/**
 * Discounts of one line-level promotion over its candidate lines. Unit-based promotions use the
 * effective unit price (after price list, override, modifiers); every discount is capped at the
 * line's current amount so stacking can never make a line negative.
 */
export function applyLineEffect(effect: PromotionEffect, cands: readonly Candidate[]): LinePromotionOutcome {
  switch (effect.type) {
    case 'percent_off': {
      const discounts = new Map<number, number>();
      for (const c of cands) discounts.set(c.index, mulDivRound(c.current, effect.percentBp, BP_ONE));
      const d = capped(discounts, cands);
      return { discounts: d, participants: [...d.keys()] };
    }
    case 'n_for_price': {
      // Mix & match across all targeted lines; the most expensive units are bundled first
      // (best for the customer, and deterministic: ties by line order).
      const groups = wholeUnits(cands).sort(byPriceDesc);
      const total = groups.reduce((a, g) => a + g.units, 0);
      const bundles = (total - (total % effect.quantity)) / effect.quantity;
      if (bundles === 0) return NONE;
      const used = take(groups, bundles * effect.quantity);
      const idx = [...used.keys()];
      const regular = idx.map((i) =>
        mulDivRound(used.get(i)!, groups.find((g) => g.index === i)!.unitPrice, 1),
      );
      const discount = regular.reduce((a, b) => a + b, 0) - mulDivRound(bundles, effect.price, 1);
      if (discount <= 0) return NONE;
      const shares = allocate(discount, regular);
      return { discounts: capped(new Map(idx.map((i, k) => [i, shares[k]!])), cands), participants: idx };
    }
    case 'buy_x_get_y': {
      // Per complete set of buy + get units, the `get` cheapest units of the basket are rewarded.
      const groups = wholeUnits(cands);
      const setSize = effect.buy + effect.get;
      const total = groups.reduce((a, g) => a + g.units, 0);
      const sets = (total - (total % setSize)) / setSize;
      if (sets === 0) return NONE;
      const rewarded = take([...groups].sort(byPriceAsc), sets * effect.get);
      const qualifying = take([...groups].sort(byPriceDesc), sets * effect.buy, rewarded);
      const pct = effect.percentBp ?? BP_ONE;
      const discounts = new Map<number, number>();
      for (const [i, n] of rewarded) {
        const price = groups.find((g) => g.index === i)!.unitPrice;
        discounts.set(i, mulDivRound(mulDivRound(n, price, 1), pct, BP_ONE));
      }
      const participants = [...new Set([...rewarded.keys(), ...qualifying.keys()])].sort((a, b) => a - b);
      return { discounts: capped(discounts, cands), participants };
    }
    case 'cart_percent_off':
    case 'cart_amount_off':
      return NONE;
  }
}

/** Total reduction of a cart-level effect on `base` (the targeted subtotal). */
export function cartEffectAmount(effect: PromotionEffect, base: number): number {
  if (effect.type === 'cart_percent_off') return mulDivRound(base, effect.percentBp, BP_ONE);
  if (effect.type === 'cart_amount_off') return Math.min(effect.amount, base);
  return 0;
}
