import { describe, expect, it } from 'vitest';
import { ApiError } from './api/api-error';
import { errorFor, fieldErrorsOf } from './field-errors';

describe('field errors from the server', () => {
  it('reads details.field with its reason, without the body. prefix', () => {
    const error = new ApiError(400, 'invalid_barcode', 'Wrong check digit', {
      field: 'body.barcodes.0.code',
      reason: 'check_digit',
    });
    const fields = fieldErrorsOf(error);
    expect(fields).toEqual([{ field: 'barcodes.0.code', code: 'invalid_barcode', reason: 'check_digit' }]);
    expect(errorFor(fields, 'barcodes')).toBe(fields[0]);
    expect(errorFor(fields, 'barcodes.0.code')).toBe(fields[0]);
    expect(errorFor(fields, 'barcode')).toBeUndefined();
  });

  it('reads schema validation lists and ignores everything else', () => {
    const error = new ApiError(400, 'validation_failed', 'x', {
      fields: [{ field: 'body.sku', message: 'bad' }, { nope: 1 }],
    });
    expect(fieldErrorsOf(error)).toEqual([{ field: 'sku', code: 'validation_failed' }]);
    expect(fieldErrorsOf(new Error('x'))).toEqual([]);
    expect(fieldErrorsOf(new ApiError(500, 'internal', 'x'))).toEqual([]);
  });
});
