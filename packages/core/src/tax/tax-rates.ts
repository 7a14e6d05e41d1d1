import { TaxError } from './tax-error.js';

/** Tax rate in basis points: 1900 = 19 %, 810 = 8.1 %. Integers only, so rates never become floats. */
export type TaxRateBp = number & { readonly __brand: 'TaxRateBp' };

/** 100 % in basis points. */
export const BP_ONE = 10000;

export function taxRateBp(value: number): TaxRateBp {
  if (!Number.isInteger(value) || value < 0 || value > BP_ONE) {
    throw new TaxError(
      'invalid_rate',
      `Tax rate must be an integer between 0 and ${BP_ONE} bp, got ${value}`,
    );
  }
  return value as TaxRateBp;
}

export type TaxClass = 'standard' | 'intermediate' | 'reduced' | 'super_reduced' | 'accommodation' | 'zero';

/**
 * VAT rates per country as data (basis points). Keep in sync with the law; the till stores the
 * rate on every sale line, so a change here never rewrites history.
 *
 * - DE: § 12 Abs. 1 UStG 19 %, § 12 Abs. 2 UStG 7 % (food, books, …), § 12 Abs. 3 UStG 0 %.
 * - AT: § 10 UStG 1994 20 % / 10 % / 13 %.
 * - CH: Art. 25 MWSTG, from 1.1.2024 8.1 % / 2.6 % / 3.8 % (accommodation).
 * - NL: Wet OB 1968 art. 9 21 % / 9 %.
 * - FR: CGI art. 278 ff. 20 % / 10 % / 5.5 % / 2.1 %.
 * - BE: 21 % / 12 % / 6 %.
 * - US: no VAT; sales tax is tax-exclusive and jurisdiction-specific, so the only built-in class
 *   is a zero default and stores configure their combined state + local rate explicitly.
 */
export const COUNTRY_TAX_RATES: Readonly<Record<string, Readonly<Partial<Record<TaxClass, TaxRateBp>>>>> = {
  DE: { standard: bp(1900), reduced: bp(700), zero: bp(0) },
  AT: { standard: bp(2000), reduced: bp(1000), intermediate: bp(1300), zero: bp(0) },
  CH: { standard: bp(810), reduced: bp(260), accommodation: bp(380), zero: bp(0) },
  NL: { standard: bp(2100), reduced: bp(900), zero: bp(0) },
  FR: { standard: bp(2000), intermediate: bp(1000), reduced: bp(550), super_reduced: bp(210), zero: bp(0) },
  BE: { standard: bp(2100), intermediate: bp(1200), reduced: bp(600), zero: bp(0) },
  US: { zero: bp(0) },
};

function bp(value: number): TaxRateBp {
  return value as TaxRateBp;
}

export function countryTaxRates(country: string): Readonly<Partial<Record<TaxClass, TaxRateBp>>> {
  const rates = COUNTRY_TAX_RATES[country.toUpperCase()];
  if (!rates)
    throw new TaxError('unknown_country', `No tax rates configured for country ${JSON.stringify(country)}`);
  return rates;
}

export function taxRateFor(country: string, taxClass: TaxClass): TaxRateBp {
  const rate = countryTaxRates(country)[taxClass];
  if (rate === undefined) {
    throw new TaxError(
      'unknown_tax_class',
      `Country ${country} has no tax class ${JSON.stringify(taxClass)}`,
    );
  }
  return rate;
}

/** All distinct rates of a country, highest first. */
export function ratesOf(country: string): TaxRateBp[] {
  return [...new Set(Object.values(countryTaxRates(country)))].sort((a, b) => b - a);
}
