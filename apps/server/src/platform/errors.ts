/**
 * The closed set of error kinds. Every failure a client can see is an AppError of one of these kinds;
 * the HTTP mapping lives in one place (`http/error-handler.ts`). `code` is a stable, documented
 * machine-readable id (snake_case) that clients switch on; `message` is for humans.
 */
export const ERROR_KINDS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (code: string, message: string, details?: unknown) =>
  new AppError('invalid', code, message, details);
export const unauthenticated = (code: string, message: string, details?: unknown) =>
  new AppError('unauthenticated', code, message, details);
export const forbidden = (code: string, message: string, details?: unknown) =>
  new AppError('forbidden', code, message, details);
export const notFound = (what: string) => new AppError('not_found', 'not_found', `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError('conflict', code, message, details);
export const locked = (code: string, message: string, details?: unknown) =>
  new AppError('locked', code, message, details);
