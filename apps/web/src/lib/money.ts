// Money at the UI edge. Amounts are integer minor units everywhere; they become text only here,
// through strings (never float arithmetic): minor → "12.34" (core) → Intl with a decimal string.
import { currencyExponent, formatDecimal, MoneyError, parseMinor } from '@opentill/core';

function exponentOf(currency: string): number {
  try {
    return currencyExponent(currency);
  } catch {
    return 2;
  }
}

/** 1234, 'EUR', 'de' → "12,34 €". Intl formats the decimal string exactly (no float step). */
export function formatMinor(amount: number | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined) return '—';
  const exponent = exponentOf(currency);
  const decimal = formatDecimal(amount, exponent);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(decimal as Intl.StringNumericLiteral);
}

/** Minor units as editable text in the UI language: 150 → "1,50" (de) / "1.50" (en). */
export function minorToInput(amount: number | null | undefined, currency: string, locale: string): string {
  if (amount === null || amount === undefined) return '';
  const separator = decimalSeparator(locale);
  return formatDecimal(amount, exponentOf(currency), separator);
}

export function decimalSeparator(locale: string): string {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value ?? '.';
}

export type MoneyInputError = 'required' | 'invalid_amount' | 'too_precise' | 'negative';
export type MoneyParse = { ok: true; value: number } | { ok: false; error: MoneyInputError };

/**
 * "1,50" / "1.50" / "€ 1.50" → 150 minor units, by string parsing only. Grouping separators are
 * refused rather than guessed ("1.234,50" could mean two things).
 */
export function parseMoneyInput(
  text: string,
  currency: string,
  options: { allowNegative?: boolean } = {},
): MoneyParse {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/[^\d.,+-]/g, '');
  if (text.trim() === '') return { ok: false, error: 'required' };
  if (cleaned === '' || /[.,].*[.,]/.test(cleaned)) return { ok: false, error: 'invalid_amount' };
  try {
    const value = parseMinor(cleaned, currency);
    if (value < 0 && !options.allowNegative) return { ok: false, error: 'negative' };
    return { ok: true, value };
  } catch (error) {
    if (error instanceof MoneyError && error.code === 'precision') return { ok: false, error: 'too_precise' };
    return { ok: false, error: 'invalid_amount' };
  }
}

/** Basis points as a percentage in the UI language: 1900 → "19 %" (de) / "19%" (en). */
export function formatBp(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'percent', maximumFractionDigits: 2 }).format(
    formatDecimal(bp, 2) as Intl.StringNumericLiteral,
  );
}

/** "19" / "7,5" → basis points, exactly. */
export function parsePercentInput(text: string): { ok: true; value: number } | { ok: false } {
  const cleaned = text.replace(/[\s%]/g, '');
  if (!/^\d+([.,]\d{0,2})?$/.test(cleaned)) return { ok: false };
  const [int = '0', frac = ''] = cleaned.split(/[.,]/);
  const value = Number(int) * 100 + Number(frac.padEnd(2, '0') || '0');
  return value <= 10_000 ? { ok: true, value } : { ok: false };
}
