import { describe, expect, it } from 'vitest';
import { priceBasket, priceListCatalog, resolveNow } from './index.js';
import type { BasketLineInput, PricingInput, Promotion } from './index.js';

const settings = { currency: 'EUR', priceMode: 'gross' as const };
const line = (
  id: string,
  unitPrice: number,
  units: number,
  extra: Partial<BasketLineInput> = {},
): BasketLineInput => ({
  id,
  productId: id,
  unitPrice,
  milliQty: units * 1000,
  taxRateBp: 1900,
  ...extra,
});

describe('line promotions', () => {
  it('N for a price: 3 yoghurts for 1.00 € mixed across products', () => {
    const promo: Promotion = {
      id: 'yog3',
      target: { categoryIds: ['yoghurt'] },
      effect: { type: 'n_for_price', quantity: 3, price: 100 },
    };
    const r = priceBasket({
      settings,
      promotions: [promo],
      lines: [
        line('a', 45, 4, { categoryIds: ['yoghurt'] }),
        line('b', 39, 2, { categoryIds: ['yoghurt'] }),
        line('c', 45, 1),
      ],
    });
    // 6 yoghurt units → 2 bundles; regular 4·45 + 2·39 = 258; bundles 2·100 = 200 → discount 58
    // allocate(58, [180, 78]): 40.47 → 40 (rem 120), 17.53 → 17 (rem 138) → +1 to b → [40, 18]
    expect(r.lines.map((l) => l.promotionDiscount)).toEqual([40, 18, 0]);
    expect(r.lines.map((l) => l.total)).toEqual([140, 60, 45]);
    expect(r.promotionsApplied).toEqual([
      { promotionId: 'yog3', level: 'line', amount: 58, lineIds: ['a', 'b'] },
    ]);
  });

  it('N for a price ignores incomplete bundles and weighed lines', () => {
    const promo: Promotion = { id: 'p', effect: { type: 'n_for_price', quantity: 3, price: 100 } };
    const r = priceBasket({
      settings,
      promotions: [promo],
      lines: [line('a', 45, 2), { ...line('w', 45, 0), milliQty: 1500 }],
    });
    expect(r.totals.discountTotal).toBe(0);
    expect(r.promotionsApplied).toEqual([]);
  });

  it('buy 2 get 1 free: the cheapest unit is free', () => {
    const promo: Promotion = {
      id: 'b2g1',
      target: { categoryIds: ['soap'] },
      effect: { type: 'buy_x_get_y', buy: 2, get: 1 },
    };
    const soap = { categoryIds: ['soap'] };
    const r = priceBasket({
      settings,
      promotions: [promo],
      lines: [line('s1', 199, 2, soap), line('s2', 99, 1, soap), line('s3', 249, 1, soap)],
    });
    // 4 units → 1 set; cheapest unit s2 (0.99) free
    expect(r.lines.map((l) => l.promotionDiscount)).toEqual([0, 99, 0]);
    expect(r.totals.gross).toBe(398 + 249);
  });

  it('buy 1 get 1 half price', () => {
    const r = priceBasket({
      settings,
      promotions: [{ id: 'b1g1', effect: { type: 'buy_x_get_y', buy: 1, get: 1, percentBp: 5000 } }],
      lines: [line('x', 300, 3), line('y', 199, 1)],
    });
    // 4 units → 2 sets; cheapest 2 units: y (1.99) and one x (3.00) → 50 %: 99.5 → 100 and 150
    expect(r.lines.map((l) => l.promotionDiscount)).toEqual([150, 100]);
  });

  it('happy hour: percent off a category inside the time window only', () => {
    const happy: Promotion = {
      id: 'happy',
      target: { categoryIds: ['drinks'] },
      conditions: { timeWindows: [{ weekdays: [1, 2, 3, 4, 5], fromMinute: 17 * 60, toMinute: 19 * 60 }] },
      effect: { type: 'percent_off', percentBp: 5000 },
    };
    const base: PricingInput = {
      settings,
      promotions: [happy],
      lines: [line('beer', 390, 1, { categoryIds: ['drinks'] }), line('fries', 350, 1)],
    };
    expect(priceBasket({ ...base, now: { weekday: 5, minuteOfDay: 17 * 60 + 30 } }).totals.gross).toBe(
      195 + 350,
    );
    expect(priceBasket({ ...base, now: { weekday: 5, minuteOfDay: 19 * 60 } }).totals.gross).toBe(740); // end exclusive
    expect(priceBasket({ ...base, now: { weekday: 6, minuteOfDay: 17 * 60 + 30 } }).totals.gross).toBe(740); // Saturday
    expect(priceBasket(base).totals.gross).toBe(740); // no clock → no time-gated promotion
    // 16:30 UTC on Friday 2026-11-27 is 17:30 CET (+60)
    expect(
      priceBasket({ ...base, now: { iso: '2026-11-27T16:30:00Z', utcOffsetMinutes: 60 } }).totals.gross,
    ).toBe(545);
  });

  it('time windows can wrap past midnight', () => {
    expect(resolveNow({ iso: '2026-11-29T23:30:00Z', utcOffsetMinutes: 60 })).toEqual({
      weekday: 1,
      minuteOfDay: 30,
    });
    const night: Promotion = {
      id: 'night',
      conditions: { timeWindows: [{ fromMinute: 22 * 60, toMinute: 2 * 60 }] },
      effect: { type: 'percent_off', percentBp: 1000 },
    };
    const at = (minuteOfDay: number) =>
      priceBasket({
        settings,
        promotions: [night],
        lines: [line('a', 1000, 1)],
        now: { weekday: 1, minuteOfDay },
      }).totals.gross;
    expect([at(23 * 60), at(60), at(12 * 60)]).toEqual([900, 900, 1000]);
  });

  it('exclusive promotions: a line takes part in at most one; stackable ones compose', () => {
    const p10: Promotion = { id: 'p10', priority: 1, effect: { type: 'percent_off', percentBp: 1000 } };
    const p20: Promotion = { id: 'p20', priority: 2, effect: { type: 'percent_off', percentBp: 2000 } };
    const lines = [line('a', 1000, 1)];
    // both exclusive: higher priority (20 %) wins
    expect(priceBasket({ settings, lines, promotions: [p10, p20] }).lines[0]!.total).toBe(800);
    // p10 stackable: 20 % first (priority 2), then 10 % of the remaining 8.00 → 7.20
    const r = priceBasket({ settings, lines, promotions: [{ ...p10, exclusive: false }, p20] });
    expect(r.lines[0]!.total).toBe(720);
    expect(r.adjustments.map((a) => [a.promotionId, a.amount])).toEqual([
      ['p20', 200],
      ['p10', 80],
    ]);
    // equal priority: id order decides
    const q = priceBasket({
      settings,
      lines,
      promotions: [
        { ...p20, id: 'b', priority: 0 },
        { ...p10, id: 'a', priority: 0 },
      ],
    });
    expect(q.promotionsApplied.map((p) => p.promotionId)).toEqual(['a']);
  });

  it('customer-group conditions', () => {
    const staff: Promotion = {
      id: 'staff',
      conditions: { customerGroups: ['staff'] },
      effect: { type: 'percent_off', percentBp: 1500 },
    };
    const input: PricingInput = { settings, promotions: [staff], lines: [line('a', 1000, 1)] };
    expect(priceBasket(input).totals.gross).toBe(1000);
    expect(priceBasket({ ...input, customerGroup: 'staff' }).totals.gross).toBe(850);
  });
});

describe('cart promotions and coupons', () => {
  const coupon: Promotion = {
    id: 'five-off',
    conditions: { couponCode: 'WELCOME5', minBasketAmount: 2000 },
    effect: { type: 'cart_amount_off', amount: 500 },
  };
  const lines = [line('a', 1500, 1), { ...line('b', 1000, 1), taxRateBp: 700 }];

  it('applies a coupon-gated amount off above the minimum basket, prorated across rates', () => {
    const r = priceBasket({ settings, lines, promotions: [coupon], couponCodes: [' welcome5 '] });
    // 5.00 over [1500, 1000] → [300, 200]
    expect(r.lines.map((l) => l.cartDiscount)).toEqual([300, 200]);
    expect(r.totals.gross).toBe(2000);
    expect(r.unusedCouponCodes).toEqual([]);
    expect(r.promotionsApplied).toEqual([
      { promotionId: 'five-off', level: 'cart', amount: 500, lineIds: ['a', 'b'] },
    ]);
  });

  it('does not apply without the coupon or below the minimum, and reports unused coupons', () => {
    expect(priceBasket({ settings, lines, promotions: [coupon] }).totals.gross).toBe(2500);
    const small = priceBasket({
      settings,
      lines: [line('a', 1500, 1)],
      promotions: [coupon],
      couponCodes: ['WELCOME5'],
    });
    expect(small.totals.gross).toBe(1500);
    expect(small.unusedCouponCodes).toEqual(['WELCOME5']);
  });

  it('only one exclusive cart promotion applies; manual cart discount comes last', () => {
    const a: Promotion = { id: 'a', priority: 5, effect: { type: 'cart_percent_off', percentBp: 1000 } };
    const b: Promotion = { id: 'b', effect: { type: 'cart_percent_off', percentBp: 5000 } };
    const r = priceBasket({
      settings,
      lines: [line('x', 1000, 1)],
      promotions: [b, a],
      cartDiscount: { amount: 100 },
    });
    // a (priority 5): 10 % → 900; b skipped (exclusive); manual 1.00 → 800
    expect(r.lines[0]!.total).toBe(800);
    expect(r.adjustments.map((x) => [x.source, x.promotionId ?? null, x.amount])).toEqual([
      ['cart_promotion', 'a', 100],
      ['cart_discount', null, 100],
    ]);
  });

  it('caps amount discounts at the amount left', () => {
    const r = priceBasket({
      settings,
      lines: [line('x', 300, 1, { discount: { amount: 500 } })],
      cartDiscount: { amount: 100 },
    });
    expect(r.lines[0]!).toMatchObject({ lineDiscount: 300, cartDiscount: 0, total: 0 });
  });
});

describe('unit price sources: price list → manual override → modifiers', () => {
  const catalog = priceListCatalog([
    { id: 'staff', customerGroups: ['staff'], prices: [{ productId: 'coffee', unitPrice: 150 }] },
    {
      id: 'happy-latte',
      customerGroups: ['staff'],
      priority: 1,
      prices: [{ productId: 'coffee', variantId: 'latte', unitPrice: 180 }],
    },
  ]);
  const coffee = (extra: Partial<BasketLineInput> = {}) =>
    line('c', 320, 1, { productId: 'coffee', ...extra });

  it('uses the catalog price for everyone else and the list price for the group', () => {
    expect(priceBasket({ settings, lines: [coffee()] }, catalog).lines[0]).toMatchObject({
      effectiveUnitPrice: 320,
      priceSource: 'catalog',
    });
    expect(
      priceBasket({ settings, lines: [coffee()], customerGroup: 'staff' }, catalog).lines[0],
    ).toMatchObject({
      effectiveUnitPrice: 150,
      priceSource: 'price_list',
      priceListId: 'staff',
    });
    expect(
      priceBasket({ settings, lines: [coffee({ variantId: 'latte' })], customerGroup: 'staff' }, catalog)
        .lines[0],
    ).toMatchObject({
      effectiveUnitPrice: 180,
      priceListId: 'happy-latte',
    });
  });

  it('a manual override beats the price list; modifiers add on top', () => {
    const r = priceBasket(
      {
        settings,
        customerGroup: 'staff',
        lines: [coffee({ priceOverride: 100, modifiers: [{ id: 'oat', priceDelta: 40 }] })],
      },
      catalog,
    );
    expect(r.lines[0]).toMatchObject({
      effectiveUnitPrice: 140,
      priceSource: 'manual',
      priceListId: null,
      total: 140,
    });
  });
});
