import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TaxError, cashRoundingFor, roundCash } from './index.js';

describe('cash rounding', () => {
  it('is off in Germany', () => {
    expect(cashRoundingFor('DE')).toBeNull();
    expect(roundCash(1233, cashRoundingFor('DE'))).toEqual({ amount: 1233, adjustment: 0 });
  });

  it('rounds Swiss francs to 5 Rappen', () => {
    const ch = cashRoundingFor('CH');
    expect(roundCash(1232, ch)).toEqual({ amount: 1230, adjustment: -2 });
    expect(roundCash(1233, ch)).toEqual({ amount: 1235, adjustment: 2 });
    expect(roundCash(1235, ch)).toEqual({ amount: 1235, adjustment: 0 });
    expect(roundCash(-1233, ch)).toEqual({ amount: -1235, adjustment: -2 });
  });

  it('follows the Belgian table (…1,2 → 0; …3,4 → 5; …6,7 → 5; …8,9 → 10)', () => {
    const be = cashRoundingFor('BE');
    // prettier-ignore
    const table: [number, number][] = [
      [1001, 1000], [1002, 1000], [1003, 1005], [1004, 1005],
      [1006, 1005], [1007, 1005], [1008, 1010], [1009, 1010],
    ];
    for (const [from, to] of table) expect(roundCash(from, be).amount).toBe(to);
  });

  it('rounds exact halves up with even increments (DKK 0.50)', () => {
    expect(roundCash(1025, cashRoundingFor('DK'))).toEqual({ amount: 1050, adjustment: 25 });
    expect(roundCash(1024, cashRoundingFor('DK'))).toEqual({ amount: 1000, adjustment: -24 });
  });

  it('refuses bad increments', () => {
    expect(() => roundCash(100, { increment: 0 })).toThrowError(TaxError);
  });

  it('adjustment is at most half an increment and the result is a multiple (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.constantFrom(5, 10, 50, 100),
        (amount, increment) => {
          const r = roundCash(amount, { increment });
          expect(r.amount % increment === 0).toBe(true);
          expect(r.amount - amount).toBe(r.adjustment);
          expect(Math.abs(r.adjustment) * 2).toBeLessThanOrEqual(increment);
        },
      ),
    );
  });
});
