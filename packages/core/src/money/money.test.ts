import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MoneyError,
  add,
  compareMoney,
  currencyExponent,
  minor,
  money,
  multiply,
  negate,
  subtract,
  sumMoney,
  sumMinor,
} from './index.js';

describe('minor / money constructors', () => {
  it('accepts safe integers and normalises -0', () => {
    expect(minor(1234)).toBe(1234);
    expect(Object.is(minor(-0), 0)).toBe(true);
    expect(money(1234, 'EUR')).toEqual({ amount: 1234, currency: 'EUR' });
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses non-integer %s', (v) => {
    expect(() => minor(v)).toThrowError(MoneyError);
    expect(() => minor(v)).toThrowError(/integer/);
  });

  it('refuses unsafe integers with code unsafe_integer', () => {
    try {
      minor(2 ** 53);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MoneyError);
      expect((e as MoneyError).code).toBe('unsafe_integer');
    }
  });

  it('refuses unknown currencies', () => {
    expect(() => money(1, 'XXX')).toThrowError(/Unknown currency/);
  });

  it('knows ISO 4217 exponents', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('CHF')).toBe(2);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts, negates and multiplies by integers', () => {
    const a = money(1999, 'EUR');
    const b = money(1, 'EUR');
    expect(add(a, b).amount).toBe(2000);
    expect(subtract(b, a).amount).toBe(-1998);
    expect(negate(a).amount).toBe(-1999);
    expect(multiply(a, 3).amount).toBe(5997);
    expect(sumMoney('EUR', [a, b, b]).amount).toBe(2001);
    expect(compareMoney(a, b)).toBe(1);
  });

  it('refuses mixing currencies', () => {
    expect(() => add(money(1, 'EUR'), money(1, 'CHF'))).toThrowError(/Cannot combine/);
  });

  it('refuses fractional factors and overflow', () => {
    expect(() => multiply(money(100, 'EUR'), 1.5)).toThrowError(MoneyError);
    expect(() => multiply(money(Number.MAX_SAFE_INTEGER, 'EUR'), 2)).toThrowError(/safe integer/);
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrowError(MoneyError);
  });

  it('add is associative and commutative, negate is an involution (property)', () => {
    const amt = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(amt, amt, amt, (x, y, z) => {
        const [a, b, c] = [money(x, 'EUR'), money(y, 'EUR'), money(z, 'EUR')];
        expect(add(add(a, b), c)).toEqual(add(a, add(b, c)));
        expect(add(a, b)).toEqual(add(b, a));
        expect(negate(negate(a))).toEqual(a);
        expect(subtract(a, b)).toEqual(add(a, negate(b)));
      }),
    );
  });
});
