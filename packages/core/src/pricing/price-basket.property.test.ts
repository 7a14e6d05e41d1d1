/** Property tests over random baskets: the acceptance criteria of the pricing engine. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceBasket } from './index.js';
import type { BasketLineInput, PercentOrAmount, PricingInput, Promotion } from './index.js';

const RATES = [1900, 700, 0];
const CATEGORIES = ['c1', 'c2', 'c3'];

const percentOrAmount: fc.Arbitrary<PercentOrAmount> = fc.oneof(
  fc.record({ percentBp: fc.integer({ min: 0, max: 10000 }) }),
  fc.record({ amount: fc.integer({ min: 0, max: 5000 }) }),
);

const lineArb = (i: number): fc.Arbitrary<BasketLineInput> =>
  fc
    .record(
      {
        productId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
        categoryIds: fc.subarray(CATEGORIES),
        unitPrice: fc.integer({ min: 0, max: 100_000 }),
        milliQty: fc.oneof(
          fc.integer({ min: 1, max: 12 }).map((u) => u * 1000),
          fc.integer({ min: 1, max: 5000 }),
        ),
        taxRateBp: fc.constantFrom(...RATES),
        discount: percentOrAmount,
        priceOverride: fc.integer({ min: 0, max: 50_000 }),
        modifiers: fc.array(
          fc.integer({ min: 0, max: 300 }).map((priceDelta) => ({ id: 'm', priceDelta })),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['productId', 'unitPrice', 'milliQty', 'taxRateBp'] },
    )
    .map((l) => ({ ...l, id: `L${i}` }));

const target = fc.option(
  fc.record(
    { productIds: fc.subarray(['p1', 'p2', 'p3']), categoryIds: fc.subarray(CATEGORIES) },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const promotionArb = (i: number): fc.Arbitrary<Promotion> =>
  fc
    .record(
      {
        priority: fc.integer({ min: 0, max: 3 }),
        exclusive: fc.boolean(),
        target,
        conditions: fc.record(
          {
            minBasketAmount: fc.integer({ min: 0, max: 20_000 }),
            couponCode: fc.constantFrom('SAVE', 'OTHER'),
          },
          { requiredKeys: [] },
        ),
        effect: fc.oneof(
          fc.record({
            type: fc.constant('n_for_price' as const),
            quantity: fc.integer({ min: 1, max: 4 }),
            price: fc.integer({ min: 0, max: 20_000 }),
          }),
          fc.record({
            type: fc.constant('buy_x_get_y' as const),
            buy: fc.integer({ min: 1, max: 3 }),
            get: fc.integer({ min: 1, max: 2 }),
            percentBp: fc.integer({ min: 0, max: 10000 }),
          }),
          fc.record({
            type: fc.constant('percent_off' as const),
            percentBp: fc.integer({ min: 0, max: 10000 }),
          }),
          fc.record({
            type: fc.constant('cart_percent_off' as const),
            percentBp: fc.integer({ min: 0, max: 10000 }),
          }),
          fc.record({
            type: fc.constant('cart_amount_off' as const),
            amount: fc.integer({ min: 0, max: 20_000 }),
          }),
        ),
      },
      { requiredKeys: ['effect'] },
    )
    .map((p) => ({ ...p, id: `P${i}` }));

/** Adds deposit lines linked to random merchandise lines (deposits are never discounted). */
const basketArb: fc.Arbitrary<PricingInput> = fc
  .record({
    n: fc.integer({ min: 0, max: 12 }),
    promoCount: fc.integer({ min: 0, max: 5 }),
    priceMode: fc.constantFrom('gross' as const, 'net' as const),
    vatRounding: fc.constantFrom('per_receipt' as const, 'per_line' as const),
    cartDiscount: fc.option(percentOrAmount, { nil: undefined }),
    couponCodes: fc.subarray(['SAVE', 'OTHER', 'NOPE']),
    deposits: fc.array(
      fc.record({
        parent: fc.nat(),
        price: fc.integer({ min: 0, max: 300 }),
        units: fc.integer({ min: 1, max: 6 }),
      }),
      {
        maxLength: 3,
      },
    ),
  })
  .chain(({ n, promoCount, deposits, ...rest }) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i))),
        fc.tuple(...Array.from({ length: promoCount }, (_, i) => promotionArb(i))),
      )
      .map(([lines, promotions]): PricingInput => {
        const depositLines: BasketLineInput[] =
          lines.length === 0
            ? []
            : deposits.map((d, k) => {
                const parent = lines[d.parent % lines.length]!;
                return {
                  id: `D${k}`,
                  productId: 'pfand',
                  unitPrice: d.price,
                  milliQty: d.units * 1000,
                  taxRateBp: parent.taxRateBp,
                  depositFor: parent.id,
                };
              });
        return {
          settings: {
            currency: 'EUR',
            priceMode: rest.priceMode,
            vatRounding: rest.vatRounding,
            cashRounding: { increment: 5 },
          },
          lines: [...lines, ...depositLines],
          promotions,
          couponCodes: rest.couponCodes,
          ...(rest.cartDiscount ? { cartDiscount: rest.cartDiscount } : {}),
        };
      }),
  );

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const RUNS = { numRuns: 300 };

describe('priceBasket properties', () => {
  it('VAT breakdown sums exactly to the totals, and lines sum to the totals', () => {
    fc.assert(
      fc.property(basketArb, (input) => {
        const r = priceBasket(input);
        expect(sum(r.vat.map((v) => v.gross))).toBe(r.totals.gross);
        expect(sum(r.vat.map((v) => v.net))).toBe(r.totals.net);
        expect(sum(r.vat.map((v) => v.tax))).toBe(r.totals.tax);
        expect(r.totals.net + r.totals.tax).toBe(r.totals.gross);
        r.vat.forEach((v) => expect(v.net + v.tax).toBe(v.gross));
        expect(sum(r.lines.map((l) => l.gross))).toBe(r.totals.gross);
        expect(sum(r.lines.map((l) => l.net))).toBe(r.totals.net);
        expect(sum(r.lines.map((l) => l.tax))).toBe(r.totals.tax);
        for (const v of r.vat) {
          const mine = r.lines.filter((l) => l.taxRateBp === v.rateBp);
          expect(sum(mine.map((l) => l.tax))).toBe(v.tax);
          expect(mine.every((l) => l.vatLetter === v.letter)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('line totals, discounts and totals are consistent in gross and net mode', () => {
    fc.assert(
      fc.property(basketArb, (input) => {
        const r = priceBasket(input);
        for (const l of r.lines) {
          expect(l.discountTotal).toBe(l.promotionDiscount + l.lineDiscount + l.cartDiscount);
          expect(l.total).toBe(l.baseAmount - l.discountTotal);
          expect(l.total).toBeGreaterThanOrEqual(0);
          expect(l.discountTotal).toBeGreaterThanOrEqual(0);
          expect(input.settings.priceMode === 'gross' ? l.gross : l.net).toBe(l.total);
          expect(l.net + l.tax).toBe(l.gross);
          const adj = r.adjustments.filter((a) => a.lineId === l.id);
          expect(sum(adj.map((a) => a.amount))).toBe(l.discountTotal);
          adj.forEach((a) => expect(a.amount).toBeGreaterThan(0));
          if (l.isDeposit) expect(l.discountTotal).toBe(0);
        }
        const storeTotal = input.settings.priceMode === 'gross' ? r.totals.gross : r.totals.net;
        expect(storeTotal).toBe(sum(r.lines.map((l) => l.baseAmount)) - r.totals.discountTotal);
        expect(r.totals.discountTotal).toBe(sum(r.lines.map((l) => l.discountTotal)));
        expect(r.totals.depositTotal).toBe(sum(r.lines.filter((l) => l.isDeposit).map((l) => l.total)));
        expect(sum(r.promotionsApplied.map((p) => p.amount))).toBe(
          sum(r.adjustments.filter((a) => a.promotionId !== undefined).map((a) => a.amount)),
        );
        expect(r.totals.cashPayable - r.totals.payable).toBe(r.totals.cashRoundingAdjustment);
        expect(r.totals.cashPayable % 5).toBe(0);
      }),
      RUNS,
    );
  });

  it('re-pricing the priced lines changes nothing (idempotent), and results are deterministic', () => {
    fc.assert(
      fc.property(basketArb, (input) => {
        const first = priceBasket(input);
        const again = priceBasket({ ...input, lines: first.lines });
        expect(again).toEqual(first);
        // a JSON round trip (what the offline register stores and syncs) prices identically too
        expect(
          priceBasket(JSON.parse(JSON.stringify({ ...input, lines: first.lines })) as PricingInput),
        ).toEqual(first);
        // the order of the promotions list does not matter (priority, then id)
        expect(priceBasket({ ...input, promotions: [...(input.promotions ?? [])].reverse() })).toEqual(first);
      }),
      RUNS,
    );
  });

  it('a cart discount is prorated without creating or losing a cent, each line within ±1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unitPrice: fc.integer({ min: 0, max: 100_000 }),
            units: fc.integer({ min: 1, max: 5 }),
            taxRateBp: fc.constantFrom(...RATES),
          }),
          { minLength: 1, maxLength: 15 },
        ),
        fc.integer({ min: 0, max: 10000 }),
        (rows, percentBp) => {
          const lines = rows.map((row, i) => ({
            id: `L${i}`,
            productId: 'p',
            unitPrice: row.unitPrice,
            milliQty: row.units * 1000,
            taxRateBp: row.taxRateBp,
          }));
          const r = priceBasket({
            settings: { currency: 'EUR', priceMode: 'gross' },
            lines,
            cartDiscount: { percentBp },
          });
          const base = sum(r.lines.map((l) => l.baseAmount));
          // total discount = round(base × bp / 10000) half-up, computed exactly: 2·(d·10000 − base·bp) ∈ (−10000, 10000]
          const d = r.totals.discountTotal;
          const twice = 2 * (d * 10000 - base * percentBp);
          expect(twice > -10000 && twice <= 10000).toBe(true);
          expect(sum(r.lines.map((l) => l.cartDiscount))).toBe(d);
          if (base > 0) {
            for (const l of r.lines) {
              // |share·base − d·lineBase| < base ⇔ within 1 of the exact share
              expect(Math.abs(l.cartDiscount * base - d * l.baseAmount)).toBeLessThan(base);
            }
          }
        },
      ),
      RUNS,
    );
  });
});

describe('generator sanity (the properties above are not vacuous)', () => {
  it('random baskets exercise line promotions, cart promotions, discounts, deposits and both modes', () => {
    const results = fc
      .sample(basketArb, { numRuns: 400, seed: 42 })
      .map((input) => ({ input, r: priceBasket(input) }));
    const share = (pred: (x: (typeof results)[number]) => boolean): number =>
      results.filter(pred).length / results.length;
    expect(share(({ r }) => r.promotionsApplied.some((p) => p.level === 'line'))).toBeGreaterThan(0.1);
    expect(share(({ r }) => r.promotionsApplied.some((p) => p.level === 'cart'))).toBeGreaterThan(0.05);
    expect(share(({ r }) => r.adjustments.some((a) => a.source === 'cart_discount'))).toBeGreaterThan(0.1);
    expect(share(({ r }) => r.adjustments.some((a) => a.source === 'line_discount'))).toBeGreaterThan(0.1);
    expect(share(({ r }) => r.totals.depositTotal > 0)).toBeGreaterThan(0.1);
    expect(share(({ r }) => r.vat.length >= 2)).toBeGreaterThan(0.3);
    expect(share(({ input }) => input.settings.priceMode === 'net')).toBeGreaterThan(0.2);
    expect(share(({ r }) => r.totals.cashRoundingAdjustment !== 0)).toBeGreaterThan(0.2);
  });
});
