import { currencyExponent } from './currency.js';
import { minor, type Minor, type Money } from './money.js';
import { MoneyError } from './money-error.js';
import { divRound, toSafeNumber, type RoundingMode } from './rounding.js';

const DECIMAL_RE = /^([+-])?(\d+)(?:[.,](\d*))?$/;

/**
 * Parses a plain decimal string into an integer scaled by 10^exponent, using string/BigInt
 * arithmetic only ("12.34", 2 → 1234; "-0,5", 2 → -50). Accepts `.` or `,` as the decimal
 * separator and no grouping separators. More fraction digits than `exponent` are an error
 * (`precision`) unless they are zeros or a rounding `mode` is given.
 */
export function parseDecimal(text: string, exponent: number, mode?: RoundingMode): number {
  const match = DECIMAL_RE.exec(text.trim());
  if (!match) throw new MoneyError('invalid_decimal', `Not a decimal number: ${JSON.stringify(text)}`);
  const [, sign, intPart = '0', fracPart = ''] = match;
  const scale = 10n ** BigInt(exponent);
  let value: bigint;
  if (fracPart.length <= exponent) {
    value = BigInt(intPart) * scale + BigInt(fracPart.padEnd(exponent, '0') || '0');
  } else {
    const all = BigInt(intPart + fracPart);
    const divisor = 10n ** BigInt(fracPart.length - exponent);
    if (all % divisor !== 0n && mode === undefined) {
      throw new MoneyError('precision', `${JSON.stringify(text)} has more than ${exponent} decimal places`);
    }
    // Round the magnitude, then apply the sign, so half_up stays symmetric.
    value = divRound(all, divisor, mode ?? 'half_up');
  }
  return toSafeNumber(sign === '-' ? -value : value, 'parsed value');
}

/** Formats an integer scaled by 10^exponent as a plain decimal string (1234, 2 → "12.34"). */
export function formatDecimal(value: number, exponent: number, separator = '.'): string {
  const v = minor(value);
  const negative = v < 0;
  const digits = String(negative ? -v : v).padStart(exponent + 1, '0');
  const intPart = digits.slice(0, digits.length - exponent);
  const fracPart = digits.slice(digits.length - exponent);
  const body = exponent === 0 ? intPart : `${intPart}${separator}${fracPart}`;
  return negative ? `-${body}` : body;
}

/** "12.34" in EUR → 1234 minor units. */
export function parseMinor(text: string, currencyCode: string, mode?: RoundingMode): Minor {
  return minor(parseDecimal(text, currencyExponent(currencyCode), mode));
}

export function parseMoney(text: string, currencyCode: string, mode?: RoundingMode): Money {
  return { amount: parseMinor(text, currencyCode, mode), currency: currencyCode as Money['currency'] };
}

/** Plain decimal representation without symbol or grouping (locale formatting is the UI's job). */
export function formatMoney(m: Money, separator = '.'): string {
  return formatDecimal(m.amount, currencyExponent(m.currency), separator);
}
