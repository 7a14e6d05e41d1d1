export { TaxError, type TaxErrorCode } from './tax-error.js';
export {
  type TaxRateBp,
  type TaxClass,
  BP_ONE,
  taxRateBp,
  COUNTRY_TAX_RATES,
  countryTaxRates,
  taxRateFor,
  ratesOf,
} from './tax-rates.js';
export {
  type PriceMode,
  type VatRoundingMode,
  type TaxableAmount,
  type VatLine,
  type VatRateTotal,
  type VatBreakdown,
  type VatOptions,
  computeVat,
  netFromGross,
  taxFromNet,
} from './vat.js';
export {
  type CashRoundingConfig,
  type CashRoundingResult,
  COUNTRY_CASH_ROUNDING,
  cashRoundingFor,
  roundCash,
} from './cash-rounding.js';
