import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MoneyError,
  formatDecimal,
  formatMoney,
  formatQty,
  lineAmount,
  milliQty,
  money,
  parseDecimal,
  parseMinor,
  parseQty,
  units,
} from './index.js';

describe('parse / format decimal strings without floats', () => {
  it('parses currency strings by exponent', () => {
    expect(parseMinor('12.34', 'EUR')).toBe(1234);
    expect(parseMinor('12,34', 'EUR')).toBe(1234);
    expect(parseMinor('-0.5', 'EUR')).toBe(-50);
    expect(parseMinor('7', 'EUR')).toBe(700);
    expect(parseMinor('1.230', 'EUR')).toBe(123); // trailing zero is not extra precision
    expect(parseMinor('1500', 'JPY')).toBe(1500);
    expect(parseMinor('1.234', 'KWD')).toBe(1234);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; here it is just 30 cents
    expect(parseMinor('0.1', 'EUR') + parseMinor('0.2', 'EUR')).toBe(parseMinor('0.3', 'EUR'));
  });

  it('refuses garbage and excess precision unless a rounding mode is given', () => {
    for (const bad of ['', 'abc', '1.2.3', '1e3', '1 000', '--1']) {
      expect(() => parseMinor(bad, 'EUR')).toThrowError(MoneyError);
    }
    expect(() => parseMinor('1.005', 'EUR')).toThrowError(/decimal places/);
    expect(parseDecimal('1.005', 2, 'half_up')).toBe(101);
    expect(parseDecimal('-1.005', 2, 'half_up')).toBe(-101);
    expect(parseDecimal('1.005', 2, 'half_even')).toBe(100);
  });

  it('formats minor units', () => {
    expect(formatMoney(money(1234, 'EUR'))).toBe('12.34');
    expect(formatMoney(money(-5, 'EUR'))).toBe('-0.05');
    expect(formatMoney(money(1234, 'EUR'), ',')).toBe('12,34');
    expect(formatMoney(money(1500, 'JPY'))).toBe('1500');
    expect(formatMoney(money(1, 'KWD'))).toBe('0.001');
    expect(formatDecimal(0, 2)).toBe('0.00');
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 3 }), (v, exp) => {
        expect(parseDecimal(formatDecimal(v, exp), exp)).toBe(v);
      }),
    );
  });
});

describe('quantities and line amounts', () => {
  it('parses milli-quantities', () => {
    expect(parseQty('0.347')).toBe(347);
    expect(parseQty('2')).toBe(2000);
    expect(units(3)).toBe(3000);
    expect(formatQty(347)).toBe('0.347');
    expect(() => parseQty('0.3475')).toThrowError(MoneyError);
    expect(() => milliQty(0.5)).toThrowError(MoneyError);
  });

  it('rounds the line amount once, half-up', () => {
    // 0.347 kg × 23.90 €/kg = 2390 × 347 / 1000 = 829.33 ct → 829
    expect(lineAmount(2390, 347)).toBe(829);
    // 1.5 × 0.99 = 148.5 ct → 149 (half-up)
    expect(lineAmount(99, 1500)).toBe(149);
    expect(lineAmount(99, 1500, 'half_even')).toBe(148);
    expect(lineAmount(199, 3000)).toBe(597);
  });
});
