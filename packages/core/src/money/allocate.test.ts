import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MoneyError, allocate, allocateMoney, money } from './index.js';

describe('allocate (largest remainder)', () => {
  it('splits 100 into thirds with the leftover to the first index on ties', () => {
    // exact 33.33 each; remainders equal → first index gets the extra cent
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('gives leftovers to the largest remainders', () => {
    // 10 × [1, 2, 3]/6 = 1.667, 3.333, 5 → floors 1, 3, 5 (sum 9); largest remainder index 0
    expect(allocate(10, [1, 2, 3])).toEqual([2, 3, 5]);
  });

  it('splits negative totals as the negation of the positive split', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('handles zero weights and zero totals', () => {
    expect(allocate(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(1, [0, 0])).toThrowError(MoneyError);
    expect(() => allocate(1, [])).toThrowError(MoneyError);
    expect(() => allocate(1, [-1, 2])).toThrowError(/non-negative/);
    expect(() => allocate(1.5, [1])).toThrowError(MoneyError);
  });

  it('works on Money', () => {
    expect(allocateMoney(money(1000, 'CHF'), [1, 3]).map((m) => m.amount)).toEqual([250, 750]);
  });

  it('never creates or loses a minor unit and stays within ±1 of the exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc
          .array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 40 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const wSum = BigInt(weights.reduce((a, b) => a + b, 0));
          parts.forEach((p, i) => {
            // |p·Σw − total·w| < Σw  ⇔  p is within 1 of the exact share
            const diff = BigInt(p) * wSum - BigInt(total) * BigInt(weights[i]!);
            expect((diff < 0n ? -diff : diff) < wSum).toBe(true);
          });
          // deterministic
          expect(allocate(total, weights)).toEqual(parts);
        },
      ),
    );
  });
});
