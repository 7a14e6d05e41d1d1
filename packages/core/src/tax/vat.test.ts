import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TaxError,
  computeVat,
  netFromGross,
  ratesOf,
  taxFromNet,
  taxRateBp,
  taxRateFor,
  type PriceMode,
  type VatRoundingMode,
} from './index.js';

describe('tax rates as data', () => {
  it('has the German, Austrian and Swiss rates in basis points', () => {
    expect(taxRateFor('DE', 'standard')).toBe(1900);
    expect(taxRateFor('DE', 'reduced')).toBe(700);
    expect(taxRateFor('de', 'zero')).toBe(0);
    expect(taxRateFor('AT', 'standard')).toBe(2000);
    expect(taxRateFor('CH', 'standard')).toBe(810);
    expect(taxRateFor('CH', 'reduced')).toBe(260);
    expect(taxRateFor('NL', 'standard')).toBe(2100);
    expect(taxRateFor('US', 'zero')).toBe(0);
    expect(ratesOf('DE')).toEqual([1900, 700, 0]);
  });

  it('refuses unknown countries, classes and invalid rates', () => {
    expect(() => taxRateFor('XX', 'standard')).toThrowError(TaxError);
    expect(() => taxRateFor('US', 'standard')).toThrowError(/no tax class/);
    expect(() => taxRateBp(19.5)).toThrowError(TaxError);
    expect(() => taxRateBp(-1)).toThrowError(TaxError);
    expect(() => taxRateBp(10001)).toThrowError(TaxError);
  });
});

describe('German gross receipt (per receipt, the default)', () => {
  it('computes the breakdown per rate with letters A/B by descending rate', () => {
    // 19 %: 2.99 + 1.49 = 4.48 € → net = round(448 × 10000 / 11900) = round(376.47) = 376, tax 72
    //  7 %: 1.99 + 0.89 = 2.88 € → net = round(288 × 10000 / 10700) = round(269.16) = 269, tax 19
    const vat = computeVat(
      [
        { amount: 299, rateBp: 1900 },
        { amount: 199, rateBp: 700 },
        { amount: 149, rateBp: 1900 },
        { amount: 89, rateBp: 700 },
      ],
      { priceMode: 'gross' },
    );
    expect(vat.rates).toEqual([
      { letter: 'A', rateBp: 1900, gross: 448, net: 376, tax: 72 },
      { letter: 'B', rateBp: 700, gross: 288, net: 269, tax: 19 },
    ]);
    expect([vat.gross, vat.net, vat.tax]).toEqual([736, 645, 91]);
    expect(vat.lines.reduce((a, l) => a + l.tax, 0)).toBe(91);
  });

  it('differs from per-line rounding exactly where the method says', () => {
    // three 0.10 € items at 19 %:
    // per line: net = round(10 / 1.19) = round(8.40) = 8, tax 2 each → tax 6
    // per receipt: net = round(30 / 1.19) = round(25.21) = 25 → tax 5
    const lines = [10, 10, 10].map((amount) => ({ amount, rateBp: 1900 }));
    expect(computeVat(lines, { priceMode: 'gross', rounding: 'per_line' }).tax).toBe(6);
    const perReceipt = computeVat(lines, { priceMode: 'gross', rounding: 'per_receipt' });
    expect(perReceipt.tax).toBe(5);
    // prorated line taxes still sum to the receipt tax: own 2,2,2 minus 1 at the first index
    expect(perReceipt.lines.map((l) => l.tax)).toEqual([1, 2, 2]);
    expect(perReceipt.lines.map((l) => l.net)).toEqual([9, 8, 8]);
  });

  it('handles 0 % lines and refunds symmetrically', () => {
    const sale = computeVat(
      [
        { amount: 1190, rateBp: 1900 },
        { amount: 500, rateBp: 0 },
      ],
      { priceMode: 'gross' },
    );
    expect(sale.rates.map((r) => [r.letter, r.rateBp, r.net, r.tax])).toEqual([
      ['A', 1900, 1000, 190],
      ['B', 0, 500, 0],
    ]);
    const refund = computeVat(
      [
        { amount: -1190, rateBp: 1900 },
        { amount: -500, rateBp: 0 },
      ],
      { priceMode: 'gross' },
    );
    expect(refund.tax).toBe(-190);
    expect(refund.net).toBe(-1500);
  });
});

describe('net (tax-exclusive) mode', () => {
  it('adds tax per receipt or per line', () => {
    // three 0.12 items at 19 %: per line round(2.28) = 2 each → 6; per receipt round(36 × 0.19 = 6.84) = 7
    const lines = [12, 12, 12].map((amount) => ({ amount, rateBp: 1900 }));
    expect(computeVat(lines, { priceMode: 'net', rounding: 'per_line' }).tax).toBe(6);
    const r = computeVat(lines, { priceMode: 'net' });
    expect([r.net, r.tax, r.gross]).toEqual([36, 7, 43]);
  });

  it('helpers round half-up', () => {
    expect(netFromGross(119, 1900)).toBe(100);
    expect(taxFromNet(250, 1900)).toBe(48); // 47.5 → 48
    expect(taxFromNet(-250, 1900)).toBe(-48);
  });
});

describe('VAT breakdown properties', () => {
  const line = fc.record({
    amount: fc.integer({ min: -100_000, max: 1_000_000 }),
    rateBp: fc.constantFrom(0, 260, 700, 810, 1900, 2000, 2100),
  });
  const params = fc.tuple(
    fc.array(line, { maxLength: 30 }),
    fc.constantFrom<PriceMode>('gross', 'net'),
    fc.constantFrom<VatRoundingMode>('per_receipt', 'per_line'),
  );

  it('always sums exactly: lines → rates → totals, net + tax = gross', () => {
    fc.assert(
      fc.property(params, ([lines, priceMode, rounding]) => {
        const vat = computeVat(lines, { priceMode, rounding });
        const input = lines.reduce((a, l) => a + l.amount, 0);
        expect(priceMode === 'gross' ? vat.gross : vat.net).toBe(input);
        expect(vat.net + vat.tax).toBe(vat.gross);
        for (const r of vat.rates) {
          expect(r.net + r.tax).toBe(r.gross);
          const mine = vat.lines.filter((_, i) => lines[i]!.rateBp === r.rateBp);
          expect(mine.reduce((a, l) => a + l.tax, 0)).toBe(r.tax);
          expect(mine.reduce((a, l) => a + l.net, 0)).toBe(r.net);
          expect(mine.reduce((a, l) => a + l.gross, 0)).toBe(r.gross);
        }
        vat.lines.forEach((l) => expect(l.net + l.tax).toBe(l.gross));
        expect(vat.rates.map((r) => r.rateBp)).toEqual(
          [...vat.rates.map((r) => r.rateBp)].sort((a, b) => b - a),
        );
      }),
    );
  });

  it('per-receipt tax is within ½ cent × lines of the per-line tax for every rate', () => {
    fc.assert(
      fc.property(params, ([lines, priceMode]) => {
        const a = computeVat(lines, { priceMode, rounding: 'per_receipt' });
        const b = computeVat(lines, { priceMode, rounding: 'per_line' });
        a.rates.forEach((r, i) => {
          const n = lines.filter((l) => l.rateBp === r.rateBp).length;
          expect(Math.abs(r.tax - b.rates[i]!.tax) * 2).toBeLessThanOrEqual(n + 1);
        });
      }),
    );
  });
});
