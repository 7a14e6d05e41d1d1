// Errors from the platform API arrive as {error:{code,message,details}} (docs/api-platform.md).
// Everything else (network failures, proxies answering HTML) is normalised into the same shape
// so the UI only ever has to switch on `code`.

export type ApiErrorDetails = Record<string, unknown> | undefined;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetails = undefined,
  ) {
    super(message);
  }

  /** The device was revoked or never known; the register must pair again. */
  get isDeviceRejected(): boolean {
    return this.status === 401 && (this.code === 'device_revoked' || this.code === 'device_unknown');
  }

  get isUnauthenticated(): boolean {
    return this.status === 401 && !this.isDeviceRejected;
  }
}

export const NETWORK_ERROR = 'network_error';
export const UNEXPECTED_RESPONSE = 'unexpected_response';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds an ApiError from a status and an already-parsed (or unparseable) body. */
export function parseApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && error.code !== '') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    const details = isRecord(error.details) ? error.details : undefined;
    return new ApiError(status, error.code, message, details);
  }
  return new ApiError(status, UNEXPECTED_RESPONSE, `Unexpected response (HTTP ${status})`);
}

export function networkError(cause: unknown): ApiError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, NETWORK_ERROR, message);
}

/** Reads a numeric detail such as `attemptsLeft`, tolerating absent or malformed details. */
export function numberDetail(error: ApiError, key: string): number | undefined {
  const value = error.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Reads a timestamp detail such as `lockedUntil` as epoch milliseconds. */
export function timeDetail(error: ApiError, key: string): number | undefined {
  const value = error.details?.[key];
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
