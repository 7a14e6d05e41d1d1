import { describe, expect, it } from 'vitest';
import de from '../i18n/locales/de/translation.json';
import en from '../i18n/locales/en/translation.json';
import { ApiError, networkError } from './api/api-error';
import { errorCodeOf, KNOWN_ERROR_CODES } from './error-message';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('errorCodeOf', () => {
  it('keeps known codes and folds synonyms and statuses', () => {
    expect(errorCodeOf(new ApiError(401, 'invalid_credentials', ''))).toBe('invalid_credentials');
    expect(errorCodeOf(new ApiError(403, 'csrf_failed', ''))).toBe('forbidden');
    expect(errorCodeOf(new ApiError(401, 'whatever', ''))).toBe('unauthenticated');
    expect(errorCodeOf(new ApiError(503, 'db_down', ''))).toBe('internal');
    expect(errorCodeOf(networkError(new TypeError('Failed to fetch')))).toBe('network_error');
    expect(errorCodeOf(new Error('plain'))).toBe('unexpected_response');
  });
});

describe('translations', () => {
  it('English and German have exactly the same keys', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('every known error code has a sentence in both languages', () => {
    for (const code of KNOWN_ERROR_CODES) {
      expect(en.errors).toHaveProperty(code);
      expect(de.errors).toHaveProperty(code);
    }
  });

  it('no translation is empty', () => {
    const values = (obj: object): unknown[] =>
      Object.values(obj).flatMap((v) => (typeof v === 'object' && v !== null ? values(v as object) : [v]));
    for (const v of [...values(en), ...values(de)]) expect(typeof v === 'string' && v.trim() !== '').toBe(true);
  });
});
