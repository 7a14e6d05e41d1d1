export type PricingErrorCode =
  | 'required'
  | 'not_integer'
  | 'negative_price'
  | 'zero_quantity'
  | 'negative_quantity'
  | 'unknown_tax_rate'
  | 'percent_out_of_range'
  | 'negative_amount'
  | 'duplicate_id'
  | 'unknown_reference'
  | 'not_discountable'
  | 'invalid_value';

/**
 * Bad pricing input. `field` is a path into the input (`lines[2].unitPrice`,
 * `promotions[0].effect.percentBp`) so the register and the API can point at the culprit.
 */
export class PricingError extends Error {
  override readonly name = 'PricingError';
  constructor(
    readonly code: PricingErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
