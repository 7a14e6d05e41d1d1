export type TaxErrorCode =
  'invalid_rate' | 'unknown_country' | 'unknown_tax_class' | 'invalid_amount' | 'invalid_increment';

export class TaxError extends Error {
  override readonly name = 'TaxError';
  constructor(
    readonly code: TaxErrorCode,
    message: string,
  ) {
    super(message);
  }
}
