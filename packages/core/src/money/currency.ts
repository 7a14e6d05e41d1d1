import { MoneyError } from './money-error.js';

/** ISO 4217 alphabetic code, e.g. `EUR`. Branded so a random string is not taken for a currency. */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

/**
 * Minor-unit exponents (ISO 4217 "minor unit" column). Only currencies a till is likely to meet;
 * add more as needed. Zero-decimal list cross-checked with Stripe's list of zero-decimal
 * currencies (https://stripe.com/docs/currencies); KWD/BHD/OMR/JOD/TND/LYD/IQD have 3 decimals.
 */
// prettier-ignore
const EXPONENTS: Readonly<Record<string, number>> = {
  EUR: 2, USD: 2, CHF: 2, GBP: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2, RON: 2,
  BGN: 2, ISK: 0, TRY: 2, CAD: 2, AUD: 2, NZD: 2, MXN: 2, BRL: 2, ARS: 2, CNY: 2, HKD: 2,
  SGD: 2, INR: 2, ZAR: 2, AED: 2, SAR: 2, ILS: 2, THB: 2, MYR: 2, PHP: 2, IDR: 2, TWD: 2,
  // zero-decimal
  JPY: 0, KRW: 0, VND: 0, CLP: 0, PYG: 0, UGX: 0, RWF: 0, XAF: 0, XOF: 0, XPF: 0, BIF: 0,
  DJF: 0, GNF: 0, KMF: 0, MGA: 0, VUV: 0,
  // three-decimal
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, LYD: 3, IQD: 3,
};

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.prototype.hasOwnProperty.call(EXPONENTS, code);
}

/** Validates an ISO code against the table above; throws `MoneyError('unknown_currency')`. */
export function currency(code: string): CurrencyCode {
  if (!isCurrencyCode(code))
    throw new MoneyError('unknown_currency', `Unknown currency ${JSON.stringify(code)}`);
  return code;
}

/** Number of decimal places of the minor unit (EUR 2, JPY 0, KWD 3). */
export function currencyExponent(code: string): number {
  const exp = EXPONENTS[code];
  if (exp === undefined) throw new MoneyError('unknown_currency', `Unknown currency ${JSON.stringify(code)}`);
  return exp;
}

export function knownCurrencies(): CurrencyCode[] {
  return Object.keys(EXPONENTS).sort() as CurrencyCode[];
}
