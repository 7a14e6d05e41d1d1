import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR, numberDetail } from './api/api-error';

// Error codes the UI has a sentence for; anything else falls back to a generic message.
// Keep in sync with `errors.*` in the translation files (a unit test checks this).
export const KNOWN_ERROR_CODES = [
  'invalid_credentials',
  'invalid_pin',
  'pin_locked',
  'device_unknown',
  'device_revoked',
  'pairing_code_invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'validation_failed',
  'rate_limited',
  'network_error',
  'unexpected_response',
  'internal',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

// Servers commonly use a few synonyms; fold them onto one sentence each.
const ALIASES: Record<string, KnownErrorCode> = {
  unauthorized: 'unauthenticated',
  not_authenticated: 'unauthenticated',
  session_expired: 'unauthenticated',
  permission_denied: 'forbidden',
  csrf_failed: 'forbidden',
  invalid_request: 'validation_failed',
  validation_error: 'validation_failed',
  bad_request: 'validation_failed',
  too_many_requests: 'rate_limited',
  internal_error: 'internal',
};

export function errorCodeOf(error: unknown): KnownErrorCode {
  if (!(error instanceof ApiError)) return 'unexpected_response';
  if ((KNOWN_ERROR_CODES as readonly string[]).includes(error.code)) return error.code as KnownErrorCode;
  const alias = ALIASES[error.code];
  if (alias) return alias;
  if (error.code === NETWORK_ERROR) return 'network_error';
  if (error.status === 401) return 'unauthenticated';
  if (error.status === 403) return 'forbidden';
  if (error.status === 404) return 'not_found';
  if (error.status === 429) return 'rate_limited';
  if (error.status >= 500) return 'internal';
  if (error.status === 400 || error.status === 422) return 'validation_failed';
  return 'unexpected_response';
}

/** Translated, user-facing sentence for any thrown value. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    const code = errorCodeOf(error);
    if (code === 'invalid_pin' && error instanceof ApiError) {
      const left = numberDetail(error, 'attemptsLeft');
      if (left !== undefined) return t('errors.invalid_pin_attempts', { count: left });
    }
    return t(`errors.${code}`);
  };
}
