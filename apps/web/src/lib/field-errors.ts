// Maps a server error onto the form field it names. The server reports `details.field` (app errors,
// e.g. "body.barcodes.0.code") or `details.fields[]` (schema validation, each {field, message}).
import { ApiError } from './api/api-error';

export interface FieldError {
  /** The request path without the "body." prefix: "barcodes.0.code", "sku". */
  field: string;
  code: string;
  /** Sub-reason, e.g. `check_digit` for `invalid_barcode`. */
  reason?: string;
}

function stripPrefix(field: string): string {
  return field.replace(/^(body|querystring|params)\./, '');
}

export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof ApiError) || !error.details) return [];
  const details = error.details;
  const out: FieldError[] = [];
  if (typeof details.field === 'string') {
    const reason = typeof details.reason === 'string' ? details.reason : undefined;
    out.push({ field: stripPrefix(details.field), code: error.code, ...(reason ? { reason } : {}) });
  }
  if (Array.isArray(details.fields)) {
    for (const item of details.fields as unknown[]) {
      if (
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { field?: unknown }).field === 'string'
      ) {
        out.push({ field: stripPrefix((item as { field: string }).field), code: error.code });
      }
    }
  }
  return out;
}

/** The error for `field` or anything below it ("barcodes" matches "barcodes.0.code"). */
export function errorFor(errors: readonly FieldError[], field: string): FieldError | undefined {
  return errors.find((e) => e.field === field || e.field.startsWith(`${field}.`));
}
