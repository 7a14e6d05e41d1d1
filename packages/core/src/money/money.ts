import { currency as toCurrency, type CurrencyCode } from './currency.js';
import { MoneyError } from './money-error.js';

/**
 * An amount in the minor unit of its currency (cents, Rappen, yen, fils). Always a safe integer:
 * the brand can only be obtained through `minor()`, which checks. Amounts are plain JS numbers
 * (not bigint) so they serialise to JSON and SQLite as-is; products that could exceed 2^53 go
 * through BigInt in `mulDivRound`.
 */
export type Minor = number & { readonly __brand: 'Minor' };

export interface Money {
  readonly amount: Minor;
  readonly currency: CurrencyCode;
}

/** Checks that `value` is a safe integer and brands it; throws `MoneyError` otherwise. */
export function minor(value: number): Minor {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new MoneyError('not_integer', `Minor amount must be an integer, got ${String(value)}`);
  }
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError('unsafe_integer', `Minor amount ${value} is not a safe integer`);
  }
  // Normalise -0 so that JSON/equality never sees it.
  return (value === 0 ? 0 : value) as Minor;
}

export function isMinor(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** `money(1234, 'EUR')` = 12.34 €. */
export function money(amount: number, currencyCode: string): Money {
  return { amount: minor(amount), currency: toCurrency(currencyCode) };
}

export function zeroMoney(currencyCode: string): Money {
  return money(0, currencyCode);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('currency_mismatch', `Cannot combine ${a.currency} with ${b.currency}`);
  }
}

/** Integer addition that refuses to leave the safe range (a silent precision loss would be a wrong receipt). */
export function addMinor(a: number, b: number): Minor {
  return minor(minor(a) + minor(b));
}

export function subMinor(a: number, b: number): Minor {
  return minor(minor(a) - minor(b));
}

export function sumMinor(values: Iterable<number>): Minor {
  let total = 0;
  for (const v of values) total = addMinor(total, v);
  return minor(total);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: addMinor(a.amount, b.amount), currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: subMinor(a.amount, b.amount), currency: a.currency };
}

export function negate(a: Money): Money {
  return { amount: minor(-a.amount), currency: a.currency };
}

/** Multiplies by an integer factor (e.g. a count). Fractional factors go through `mulDivRound`. */
export function multiply(a: Money, factor: number): Money {
  if (!Number.isInteger(factor))
    throw new MoneyError('not_integer', `Factor must be an integer, got ${factor}`);
  const product = BigInt(a.amount) * BigInt(factor);
  if (product > BigInt(Number.MAX_SAFE_INTEGER) || product < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError('unsafe_integer', `Product ${product} exceeds the safe integer range`);
  }
  return { amount: minor(Number(product)), currency: a.currency };
}

export function sumMoney(currencyCode: string, items: Iterable<Money>): Money {
  let total = zeroMoney(currencyCode);
  for (const m of items) total = add(total, m);
  return total;
}

export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function isZero(a: Money): boolean {
  return a.amount === 0;
}

export function isNegative(a: Money): boolean {
  return a.amount < 0;
}
