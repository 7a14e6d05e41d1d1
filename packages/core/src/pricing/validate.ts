import { isCurrencyCode } from '../money/index.js';
import { BP_ONE } from '../tax/index.js';
import { PricingError } from './pricing-error.js';
import type { BasketLineInput, PercentOrAmount, PricingInput, PricingNow, Promotion } from './types.js';

function int(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new PricingError('not_integer', field, `must be a safe integer, got ${String(value)}`);
  }
  return value;
}

function nonNegative(
  value: unknown,
  field: string,
  code: 'negative_price' | 'negative_amount' = 'negative_amount',
): number {
  const v = int(value, field);
  if (v < 0) throw new PricingError(code, field, `must not be negative, got ${v}`);
  return v;
}

function percent(value: unknown, field: string): number {
  const v = int(value, field);
  if (v < 0 || v > BP_ONE)
    throw new PricingError('percent_out_of_range', field, `must be 0–${BP_ONE} bp (0–100 %), got ${v}`);
  return v;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new PricingError('required', field, 'must be a non-empty string');
  return value;
}

function percentOrAmount(value: PercentOrAmount, field: string): void {
  if ('percentBp' in value) percent(value.percentBp, `${field}.percentBp`);
  else if ('amount' in value) nonNegative(value.amount, `${field}.amount`);
  else throw new PricingError('required', field, 'needs percentBp or amount');
}

function validateLine(line: BasketLineInput, f: string, rates: ReadonlySet<number> | null): void {
  text(line.id, `${f}.id`);
  text(line.productId, `${f}.productId`);
  nonNegative(line.unitPrice, `${f}.unitPrice`, 'negative_price');
  const qty = int(line.milliQty, `${f}.milliQty`);
  if (qty === 0) throw new PricingError('zero_quantity', `${f}.milliQty`, 'quantity must not be 0');
  if (qty < 0)
    throw new PricingError(
      'negative_quantity',
      `${f}.milliQty`,
      'quantity must be positive (refund a priced receipt instead)',
    );
  percent(line.taxRateBp, `${f}.taxRateBp`);
  if (rates && !rates.has(line.taxRateBp)) {
    throw new PricingError(
      'unknown_tax_rate',
      `${f}.taxRateBp`,
      `${line.taxRateBp} bp is not a tax rate of this store`,
    );
  }
  if (line.discount !== undefined) percentOrAmount(line.discount, `${f}.discount`);
  if (line.priceOverride !== undefined)
    nonNegative(line.priceOverride, `${f}.priceOverride`, 'negative_price');
  line.modifiers?.forEach((m, k) => {
    text(m.id, `${f}.modifiers[${k}].id`);
    int(m.priceDelta, `${f}.modifiers[${k}].priceDelta`);
  });
}

function validatePromotion(p: Promotion, f: string): void {
  text(p.id, `${f}.id`);
  if (p.priority !== undefined) int(p.priority, `${f}.priority`);
  const c = p.conditions;
  if (c?.minBasketAmount !== undefined) nonNegative(c.minBasketAmount, `${f}.conditions.minBasketAmount`);
  c?.timeWindows?.forEach((w, k) => {
    const wf = `${f}.conditions.timeWindows[${k}]`;
    for (const key of ['fromMinute', 'toMinute'] as const) {
      const v = int(w[key], `${wf}.${key}`);
      if (v < 0 || v > 1440) throw new PricingError('invalid_value', `${wf}.${key}`, 'must be 0–1440');
    }
    w.weekdays?.forEach((d, j) => {
      if (int(d, `${wf}.weekdays[${j}]`) < 1 || d > 7)
        throw new PricingError('invalid_value', `${wf}.weekdays[${j}]`, 'ISO weekday 1–7');
    });
  });
  const e = p.effect;
  const ef = `${f}.effect`;
  switch (e?.type) {
    case 'n_for_price':
      if (int(e.quantity, `${ef}.quantity`) < 1)
        throw new PricingError('invalid_value', `${ef}.quantity`, 'must be ≥ 1');
      nonNegative(e.price, `${ef}.price`, 'negative_price');
      return;
    case 'buy_x_get_y':
      if (int(e.buy, `${ef}.buy`) < 1) throw new PricingError('invalid_value', `${ef}.buy`, 'must be ≥ 1');
      if (int(e.get, `${ef}.get`) < 1) throw new PricingError('invalid_value', `${ef}.get`, 'must be ≥ 1');
      if (e.percentBp !== undefined) percent(e.percentBp, `${ef}.percentBp`);
      return;
    case 'percent_off':
    case 'cart_percent_off':
      percent(e.percentBp, `${ef}.percentBp`);
      return;
    case 'cart_amount_off':
      nonNegative(e.amount, `${ef}.amount`);
      return;
    default:
      throw new PricingError(
        'invalid_value',
        `${ef}.type`,
        `unknown promotion type ${JSON.stringify((e as { type?: unknown })?.type)}`,
      );
  }
}

function validateNow(now: PricingNow): void {
  if ('iso' in now) {
    if (Number.isNaN(Date.parse(now.iso)))
      throw new PricingError('invalid_value', 'now.iso', 'not an ISO 8601 date-time');
    int(now.utcOffsetMinutes, 'now.utcOffsetMinutes');
    return;
  }
  const wd = int(now.weekday, 'now.weekday');
  if (wd < 1 || wd > 7)
    throw new PricingError('invalid_value', 'now.weekday', 'ISO weekday 1 (Mon) – 7 (Sun)');
  const m = int(now.minuteOfDay, 'now.minuteOfDay');
  if (m < 0 || m >= 1440) throw new PricingError('invalid_value', 'now.minuteOfDay', 'must be 0–1439');
}

/** Refuses bad input with a `PricingError` naming the field; pricing itself then never throws on data. */
export function validatePricingInput(input: PricingInput): void {
  const s = input.settings;
  if (!s || !isCurrencyCode(s.currency))
    throw new PricingError('invalid_value', 'settings.currency', 'unknown ISO 4217 currency');
  if (s.priceMode !== 'gross' && s.priceMode !== 'net')
    throw new PricingError('invalid_value', 'settings.priceMode', "must be 'gross' or 'net'");
  if (s.vatRounding !== undefined && s.vatRounding !== 'per_receipt' && s.vatRounding !== 'per_line') {
    throw new PricingError('invalid_value', 'settings.vatRounding', "must be 'per_receipt' or 'per_line'");
  }
  s.taxRatesBp?.forEach((r, i) => percent(r, `settings.taxRatesBp[${i}]`));
  const rates = s.taxRatesBp ? new Set(s.taxRatesBp) : null;
  const ids = new Map<string, BasketLineInput>();
  input.lines.forEach((line, i) => {
    validateLine(line, `lines[${i}]`, rates);
    if (ids.has(line.id))
      throw new PricingError('duplicate_id', `lines[${i}].id`, `duplicate line id ${line.id}`);
    ids.set(line.id, line);
  });
  input.lines.forEach((line, i) => {
    if (line.depositFor === undefined) return;
    const parent = ids.get(line.depositFor);
    if (!parent || parent === line || parent.depositFor !== undefined) {
      throw new PricingError(
        'unknown_reference',
        `lines[${i}].depositFor`,
        'must reference a non-deposit line of this basket',
      );
    }
    if (line.discount !== undefined)
      throw new PricingError('not_discountable', `lines[${i}].discount`, 'deposits cannot be discounted');
  });
  if (input.cartDiscount !== undefined) percentOrAmount(input.cartDiscount, 'cartDiscount');
  const promoIds = new Set<string>();
  input.promotions?.forEach((p, i) => {
    validatePromotion(p, `promotions[${i}]`);
    if (promoIds.has(p.id))
      throw new PricingError('duplicate_id', `promotions[${i}].id`, `duplicate promotion id ${p.id}`);
    promoIds.add(p.id);
  });
  if (input.now !== undefined) validateNow(input.now);
}
