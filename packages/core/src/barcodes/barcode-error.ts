/**
 * - `check_digit`: a GTIN check digit or an embedded price/weight check digit does not match.
 * - `length`: a numeric code has a length no supported symbology produces (too short / too long).
 * - `format`: structurally invalid (non-digits where digits are required, unknown GS1 AI, bad date).
 */
export type BarcodeErrorCode = 'check_digit' | 'length' | 'format';

export class BarcodeError extends Error {
  override readonly name = 'BarcodeError';
  constructor(
    readonly code: BarcodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
