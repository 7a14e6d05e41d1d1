import { minor, type Minor } from './money.js';
import { MoneyError } from './money-error.js';
import { parseDecimal, formatDecimal } from './decimal.js';
import { mulDivRound, type RoundingMode } from './rounding.js';

/**
 * Quantity in thousandths of the sales unit: 1000 = 1 piece or 1 kg, 347 = 0.347 kg. Grams fit
 * exactly, which is the resolution of legal-for-trade retail scales.
 */
export type MilliQty = number & { readonly __brand: 'MilliQty' };

export const ONE_UNIT = 1000 as MilliQty;

export function milliQty(value: number): MilliQty {
  if (!Number.isInteger(value))
    throw new MoneyError('not_integer', `Quantity must be integer milli-units, got ${value}`);
  if (!Number.isSafeInteger(value))
    throw new MoneyError('unsafe_integer', `Quantity ${value} is not a safe integer`);
  return (value === 0 ? 0 : value) as MilliQty;
}

/** Whole units (pieces) → milli-units. */
export function units(count: number): MilliQty {
  return milliQty(mulDivRound(count, 1000, 1));
}

/** "0.347" → 347. Refuses more than three decimals. */
export function parseQty(text: string): MilliQty {
  return milliQty(parseDecimal(text, 3));
}

export function formatQty(qty: number): string {
  return formatDecimal(qty, 3);
}

/** True if the quantity is a whole number of units (e.g. not a weighed 0.347 kg). */
export function isWholeUnits(qty: number): boolean {
  return qty % 1000 === 0;
}

/**
 * Line amount = unit price × quantity, rounded ONCE (default half-up) from the exact product.
 * Rounding only here — never the unit price and the quantity separately — keeps scale labels and
 * till receipts identical (0.347 kg × 23.90 €/kg = 8.2933 € → 8.29 €).
 */
export function lineAmount(unitPrice: number, qty: number, mode: RoundingMode = 'half_up'): Minor {
  return minor(mulDivRound(minor(unitPrice), milliQty(qty), 1000, mode));
}
