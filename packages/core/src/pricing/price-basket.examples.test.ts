/** Worked examples with hand-computed expected values (arithmetic in the comments). */
import { describe, expect, it } from 'vitest';
import { cashRoundingFor, taxRateFor } from '../tax/index.js';
import { priceBasket } from './index.js';
import type { BasketLineInput, PricingInput } from './index.js';

const DE = { currency: 'EUR', priceMode: 'gross' as const, taxRatesBp: [1900, 700, 0] };

describe('German receipt: mixed 7 %/19 %, deposit, weighed cheese, 10 % cart discount', () => {
  const lines: BasketLineInput[] = [
    // 6 × 0.79 € = 4.74 €
    {
      id: 'water',
      productId: 'mineralwasser',
      unitPrice: 79,
      milliQty: 6000,
      taxRateBp: 1900,
      categoryIds: ['drinks'],
    },
    // Pfand 6 × 0.25 € = 1.50 €; a deposit follows the VAT rate of its drink (UStAE 10.1 Abs. 8) → 19 %
    {
      id: 'water-pfand',
      productId: 'pfand-025',
      unitPrice: 25,
      milliQty: 6000,
      taxRateBp: 1900,
      depositFor: 'water',
    },
    // 0.347 kg × 23.90 €/kg = 8.2933 € → 8.29 € (rounded once, half-up)
    { id: 'cheese', productId: 'gouda', unitPrice: 2390, milliQty: 347, taxRateBp: 700 },
    { id: 'bread', productId: 'brot', unitPrice: 349, milliQty: 1000, taxRateBp: 700 },
    { id: 'shampoo', productId: 'shampoo', unitPrice: 295, milliQty: 1000, taxRateBp: 1900 },
  ];
  const input: PricingInput = { settings: DE, lines, cartDiscount: { percentBp: 1000 } };

  it('prices the receipt', () => {
    const r = priceBasket(input);
    expect(r.lines.map((l) => l.baseAmount)).toEqual([474, 150, 829, 349, 295]);
    // Cart discount on merchandise only (deposit excluded): 474 + 829 + 349 + 295 = 1947;
    // 10 % = 194.7 → 195. Largest remainder over weights [474, 829, 349, 295] (Σ 1947):
    //   195·474/1947 = 47.47 → 47 (rem 921)     195·829/1947 = 83.03 → 83 (rem 54)
    //   195·349/1947 = 34.95 → 34 (rem 1857)    195·295/1947 = 29.55 → 29 (rem 1062)
    //   floors 193, 2 left → bread (1857) and shampoo (1062) get +1 → [47, 83, 35, 30]
    expect(r.lines.map((l) => l.cartDiscount)).toEqual([47, 0, 83, 35, 30]);
    expect(r.lines.map((l) => l.total)).toEqual([427, 150, 746, 314, 265]);
    // 19 %: 427 + 150 + 265 = 842 → net = round(842 × 10000 / 11900) = round(707.56) = 708, tax 134
    //  7 %: 746 + 314 = 1060      → net = round(1060 × 10000 / 10700) = round(990.65) = 991, tax 69
    expect(r.vat).toEqual([
      { letter: 'A', rateBp: 1900, gross: 842, net: 708, tax: 134 },
      { letter: 'B', rateBp: 700, gross: 1060, net: 991, tax: 69 },
    ]);
    expect(r.totals).toEqual({
      gross: 1902,
      net: 1699,
      tax: 203,
      discountTotal: 195,
      depositTotal: 150,
      payable: 1902,
      cashPayable: 1902,
      cashRoundingAdjustment: 0, // no cash rounding in Germany
    });
    expect(r.lines.map((l) => l.vatLetter)).toEqual(['A', 'A', 'B', 'B', 'A']);
    expect(
      r.adjustments.filter((a) => a.source === 'cart_discount').map((a) => [a.lineId, a.amount]),
    ).toEqual([
      ['water', 47],
      ['cheese', 83],
      ['bread', 35],
      ['shampoo', 30],
    ]);
  });

  it('per-line VAT rounding gives the per-line sums instead', () => {
    const r = priceBasket({ ...input, settings: { ...DE, vatRounding: 'per_line' } });
    // 19 %: 427 → net round(358.82) = 359 (tax 68); 150 → round(126.05) = 126 (24); 265 → round(222.69) = 223 (42) → tax 134
    //  7 %: 746 → net round(697.20) = 697 (tax 49); 314 → round(293.46) = 293 (21) → tax 70
    expect(r.vat.map((v) => v.tax)).toEqual([134, 70]);
    expect(r.totals.tax).toBe(204);
    expect(r.totals.gross).toBe(1902);
  });
});

describe('Swiss receipt: CHF, 8.1 % / 2.6 %, cash rounding to 0.05', () => {
  const input: PricingInput = {
    settings: {
      currency: 'CHF',
      priceMode: 'gross',
      cashRounding: cashRoundingFor('CH'),
      taxRatesBp: [taxRateFor('CH', 'standard'), taxRateFor('CH', 'reduced')],
    },
    lines: [
      { id: 'kaffee', productId: 'kaffee', unitPrice: 470, milliQty: 2000, taxRateBp: 810 }, // 9.40
      { id: 'gipfeli', productId: 'gipfeli', unitPrice: 185, milliQty: 3000, taxRateBp: 260 }, // 5.55
      { id: 'milch', productId: 'milch', unitPrice: 168, milliQty: 1000, taxRateBp: 260 }, // 1.68
      { id: 'shampoo', productId: 'shampoo', unitPrice: 395, milliQty: 1000, taxRateBp: 810 }, // 3.95
    ],
  };

  it('rounds only the cash payable and reports the adjustment separately', () => {
    const r = priceBasket(input);
    // 8.1 %: 940 + 395 = 1335 → net = round(1335 × 10000 / 10810) = round(1234.97) = 1235, tax 100
    // 2.6 %: 555 + 168 = 723  → net = round(723 × 10000 / 10260) = round(704.68) = 705, tax 18
    expect(r.vat).toEqual([
      { letter: 'A', rateBp: 810, gross: 1335, net: 1235, tax: 100 },
      { letter: 'B', rateBp: 260, gross: 723, net: 705, tax: 18 },
    ]);
    // 20.58 CHF by card; in cash …8 → 20.60 (+0.02)
    expect(r.totals).toMatchObject({
      gross: 2058,
      net: 1940,
      tax: 118,
      payable: 2058,
      cashPayable: 2060,
      cashRoundingAdjustment: 2,
    });
    // the lines stay exact
    expect(r.lines.map((l) => l.total)).toEqual([940, 555, 168, 395]);
  });
});

describe('net (tax-exclusive) store, US style', () => {
  it('adds tax per receipt', () => {
    const r = priceBasket({
      settings: { currency: 'USD', priceMode: 'net' },
      lines: [
        { id: 'a', productId: 'a', unitPrice: 1999, milliQty: 1000, taxRateBp: 825 },
        { id: 'b', productId: 'b', unitPrice: 500, milliQty: 1000, taxRateBp: 825 },
      ],
    });
    // 2499 × 8.25 % = 206.17 → 206; gross 2705
    expect(r.totals).toMatchObject({ net: 2499, tax: 206, gross: 2705 });
    expect(r.lines.map((l) => [l.net, l.tax, l.gross])).toEqual([
      [1999, 165, 2164],
      [500, 41, 541],
    ]);
  });
});
