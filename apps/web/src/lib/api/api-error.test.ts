import { describe, expect, it } from 'vitest';
import { ApiError, numberDetail, parseApiError, timeDetail, UNEXPECTED_RESPONSE } from './api-error';
import { buildUrl } from './api-client';

describe('parseApiError', () => {
  it('reads code, message and details from the contract shape', () => {
    const error = parseApiError(401, {
      error: { code: 'invalid_pin', message: 'Wrong PIN', details: { attemptsLeft: 3 } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_pin');
    expect(error.message).toBe('Wrong PIN');
    expect(numberDetail(error, 'attemptsLeft')).toBe(3);
    expect(error.isUnauthenticated).toBe(true);
    expect(error.isDeviceRejected).toBe(false);
  });

  it('parses pin_locked lockedUntil into epoch ms', () => {
    const error = parseApiError(423, {
      error: { code: 'pin_locked', message: 'Locked', details: { lockedUntil: '2026-11-27T13:05:00.000Z' } },
    });
    expect(timeDetail(error, 'lockedUntil')).toBe(Date.UTC(2026, 10, 27, 13, 5));
    expect(timeDetail(error, 'missing')).toBeUndefined();
  });

  it('flags revoked and unknown devices', () => {
    expect(parseApiError(401, { error: { code: 'device_revoked', message: '' } }).isDeviceRejected).toBe(true);
    expect(parseApiError(401, { error: { code: 'device_unknown', message: '' } }).isDeviceRejected).toBe(true);
    expect(parseApiError(403, { error: { code: 'device_revoked', message: '' } }).isDeviceRejected).toBe(false);
  });

  it('normalises bodies that are not API errors', () => {
    for (const body of [undefined, null, 'Bad Gateway', { message: 'x' }, { error: 'boom' }, { error: { code: '' } }]) {
      const error = parseApiError(502, body);
      expect(error.code).toBe(UNEXPECTED_RESPONSE);
      expect(error.status).toBe(502);
    }
  });

  it('ignores malformed details', () => {
    const error = parseApiError(401, { error: { code: 'invalid_pin', message: 'x', details: [1, 2] } });
    expect(error.details).toBeUndefined();
    expect(numberDetail(error, 'attemptsLeft')).toBeUndefined();
    const wrongType = parseApiError(401, { error: { code: 'invalid_pin', details: { attemptsLeft: '3' } } });
    expect(numberDetail(wrongType, 'attemptsLeft')).toBeUndefined();
    expect(wrongType.message).toBe('invalid_pin');
  });
});

describe('buildUrl', () => {
  it('prefixes the API base and drops empty query values', () => {
    expect(buildUrl('/audit', { cursor: null, limit: 50, storeId: undefined, action: '' })).toBe('/api/v1/audit?limit=50');
    expect(buildUrl('/devices')).toBe('/api/v1/devices');
  });
});
