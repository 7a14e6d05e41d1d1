import { describe, expect, it } from 'vitest';
import { PricingError, priceBasket } from './index.js';
import type { BasketLineInput, PricingInput } from './index.js';

const line: BasketLineInput = { id: 'a', productId: 'a', unitPrice: 100, milliQty: 1000, taxRateBp: 1900 };
const base: PricingInput = {
  settings: { currency: 'EUR', priceMode: 'gross', taxRatesBp: [1900, 700, 0] },
  lines: [line],
};

function failure(input: PricingInput): Pick<PricingError, 'code' | 'field'> | undefined {
  try {
    priceBasket(input);
  } catch (e) {
    if (e instanceof PricingError) return { code: e.code, field: e.field };
    throw e;
  }
  return undefined;
}

describe('PricingError for bad input, with a field path', () => {
  it.each<[string, PricingInput, string, string]>([
    [
      'negative price',
      { ...base, lines: [{ ...line, unitPrice: -1 }] },
      'negative_price',
      'lines[0].unitPrice',
    ],
    [
      'fractional price',
      { ...base, lines: [{ ...line, unitPrice: 1.5 }] },
      'not_integer',
      'lines[0].unitPrice',
    ],
    [
      'unknown tax rate',
      { ...base, lines: [{ ...line, taxRateBp: 1600 }] },
      'unknown_tax_rate',
      'lines[0].taxRateBp',
    ],
    ['qty 0', { ...base, lines: [{ ...line, milliQty: 0 }] }, 'zero_quantity', 'lines[0].milliQty'],
    [
      'negative qty',
      { ...base, lines: [{ ...line, milliQty: -1000 }] },
      'negative_quantity',
      'lines[0].milliQty',
    ],
    [
      'line percent > 100 %',
      { ...base, lines: [{ ...line, discount: { percentBp: 10001 } }] },
      'percent_out_of_range',
      'lines[0].discount.percentBp',
    ],
    [
      'cart percent > 100 %',
      { ...base, cartDiscount: { percentBp: 20000 } },
      'percent_out_of_range',
      'cartDiscount.percentBp',
    ],
    [
      'negative cart amount',
      { ...base, cartDiscount: { amount: -5 } },
      'negative_amount',
      'cartDiscount.amount',
    ],
    ['duplicate line id', { ...base, lines: [line, line] }, 'duplicate_id', 'lines[1].id'],
    [
      'dangling deposit',
      { ...base, lines: [{ ...line, depositFor: 'zzz' }] },
      'unknown_reference',
      'lines[0].depositFor',
    ],
    [
      'discounted deposit',
      { ...base, lines: [line, { ...line, id: 'd', depositFor: 'a', discount: { amount: 1 } }] },
      'not_discountable',
      'lines[1].discount',
    ],
    [
      'negative override',
      { ...base, lines: [{ ...line, priceOverride: -1 }] },
      'negative_price',
      'lines[0].priceOverride',
    ],
    [
      'modifiers below zero',
      { ...base, lines: [{ ...line, modifiers: [{ id: 'm', priceDelta: -101 }] }] },
      'negative_price',
      'lines[0].modifiers',
    ],
    [
      'unknown currency',
      { ...base, settings: { ...base.settings, currency: 'XXX' } },
      'invalid_value',
      'settings.currency',
    ],
    [
      'promotion percent > 100 %',
      { ...base, promotions: [{ id: 'p', effect: { type: 'percent_off', percentBp: 10001 } }] },
      'percent_out_of_range',
      'promotions[0].effect.percentBp',
    ],
    [
      'promotion quantity 0',
      { ...base, promotions: [{ id: 'p', effect: { type: 'n_for_price', quantity: 0, price: 1 } }] },
      'invalid_value',
      'promotions[0].effect.quantity',
    ],
    ['bad weekday', { ...base, now: { weekday: 0, minuteOfDay: 0 } }, 'invalid_value', 'now.weekday'],
    ['bad iso', { ...base, now: { iso: 'yesterday', utcOffsetMinutes: 0 } }, 'invalid_value', 'now.iso'],
  ])('%s', (_name, input, code, field) => {
    expect(failure(input)).toEqual({ code, field });
  });

  it('accepts the valid base input', () => {
    expect(failure(base)).toBeUndefined();
  });

  it('the error message names the field', () => {
    expect(() => priceBasket({ ...base, lines: [{ ...line, milliQty: 0 }] })).toThrowError(
      /lines\[0\]\.milliQty/,
    );
  });
});
