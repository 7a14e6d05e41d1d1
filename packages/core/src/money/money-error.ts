/** Machine-readable reasons a money operation was refused. */
export type MoneyErrorCode =
  | 'not_integer'
  | 'unsafe_integer'
  | 'currency_mismatch'
  | 'unknown_currency'
  | 'invalid_decimal'
  | 'precision'
  | 'invalid_weights'
  | 'division_by_zero';

/** Thrown for invalid money input; money math never silently produces a wrong amount. */
export class MoneyError extends Error {
  override readonly name = 'MoneyError';
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
