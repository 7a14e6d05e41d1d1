export { MoneyError, type MoneyErrorCode } from './money-error.js';
export {
  type CurrencyCode,
  currency,
  currencyExponent,
  isCurrencyCode,
  knownCurrencies,
} from './currency.js';
export {
  type Minor,
  type Money,
  minor,
  isMinor,
  money,
  zeroMoney,
  add,
  subtract,
  negate,
  multiply,
  sumMoney,
  addMinor,
  subMinor,
  sumMinor,
  moneyEquals,
  compareMoney,
  isZero,
  isNegative,
} from './money.js';
export { type RoundingMode, divRound, mulDivRound, roundToIncrement, toSafeNumber } from './rounding.js';
export { allocate, allocateMoney } from './allocate.js';
export { parseDecimal, formatDecimal, parseMinor, parseMoney, formatMoney } from './decimal.js';
export {
  type MilliQty,
  ONE_UNIT,
  milliQty,
  units,
  parseQty,
  formatQty,
  isWholeUnits,
  lineAmount,
} from './quantity.js';
