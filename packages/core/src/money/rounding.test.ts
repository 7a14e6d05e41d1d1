import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divRound, mulDivRound, roundToIncrement, type RoundingMode } from './index.js';

describe('divRound / mulDivRound', () => {
  // value/denominator pairs on and around exact halves: 2.5, -2.5, 3.5, -3.5, 2.4, 2.6
  const cases: [number, Record<RoundingMode, number>][] = [
    [25, { half_up: 3, half_down: 2, half_even: 2, up: 3, down: 2, ceil: 3, floor: 2 }],
    [-25, { half_up: -3, half_down: -2, half_even: -2, up: -3, down: -2, ceil: -2, floor: -3 }],
    [35, { half_up: 4, half_down: 3, half_even: 4, up: 4, down: 3, ceil: 4, floor: 3 }],
    [-35, { half_up: -4, half_down: -3, half_even: -4, up: -4, down: -3, ceil: -3, floor: -4 }],
    [24, { half_up: 2, half_down: 2, half_even: 2, up: 3, down: 2, ceil: 3, floor: 2 }],
    [26, { half_up: 3, half_down: 3, half_even: 3, up: 3, down: 2, ceil: 3, floor: 2 }],
  ];
  for (const [tenths, expected] of cases) {
    for (const [mode, value] of Object.entries(expected)) {
      it(`${tenths}/10 with ${mode} = ${value}`, () => {
        expect(mulDivRound(tenths, 1, 10, mode as RoundingMode)).toBe(value);
        expect(Number(divRound(BigInt(tenths), 10n, mode as RoundingMode))).toBe(value);
      });
    }
  }

  it('handles negative denominators', () => {
    expect(mulDivRound(25, 1, -10)).toBe(-3);
  });

  it('is exact for products beyond 2^53', () => {
    // 9_007_199_254_740_991 × 1000 / 1000 would lose precision in floating point.
    expect(mulDivRound(Number.MAX_SAFE_INTEGER, 1000, 1000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 2, 1)).toThrowError(/safe integer/);
  });

  it('refuses non-integers and division by zero', () => {
    expect(() => mulDivRound(1.5, 1, 1)).toThrowError(/integer/);
    expect(() => mulDivRound(1, 1, 0)).toThrowError(/zero/);
  });

  it('stays within 1 of the exact quotient and half_up is symmetric (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (a, b, c) => {
          const q = mulDivRound(a, b, c, 'half_up');
          const exactTimesC = BigInt(a) * BigInt(b);
          // |q·c − a·b| ≤ c/2
          const diff = BigInt(q) * BigInt(c) - exactTimesC;
          expect((diff < 0n ? -diff : diff) * 2n <= BigInt(c)).toBe(true);
          expect(mulDivRound(-a, b, c, 'half_up')).toBe(-q || 0);
        },
      ),
    );
  });
});

describe('roundToIncrement', () => {
  it('rounds to 5 Rappen and 50 øre', () => {
    expect(roundToIncrement(1232, 5)).toBe(1230);
    expect(roundToIncrement(1233, 5)).toBe(1235);
    expect(roundToIncrement(1225, 50)).toBe(1250); // exact half → up
    expect(roundToIncrement(-1225, 50)).toBe(-1250); // symmetric for refunds
  });
});
