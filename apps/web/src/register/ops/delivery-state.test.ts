import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api/api-error';
import { deliveryFailure, isEmailAddress, jobInFlight } from './delivery-state';

describe('receipt delivery', () => {
  it('accepts real addresses and refuses typos', () => {
    for (const ok of ['anna@example.com', ' max.mustermann+kasse@mail.example.de ']) expect(isEmailAddress(ok)).toBe(true);
    for (const bad of ['', 'anna', 'anna@', '@example.com', 'anna@example', 'an na@example.com', 'anna@@example.com', 'anna@example..com', 'anna@example.c']) {
      expect(isEmailAddress(bad)).toBe(false);
    }
  });

  it('tells "not offered here" from "not synced yet" from "offline"', () => {
    expect(deliveryFailure(new ApiError(404, 'route_not_found', 'No route'), true)).toBe('not_available');
    expect(deliveryFailure(new ApiError(501, 'not_implemented', 'x'), true)).toBe('not_available');
    expect(deliveryFailure(new ApiError(404, 'not_found', 'Sale not found'), false)).toBe('not_synced');
    expect(deliveryFailure(new ApiError(0, 'network_error', 'x'), true)).toBe('offline');
    expect(deliveryFailure(new ApiError(409, 'printer_offline', 'x'), true)).toBe('other');
    expect(deliveryFailure(new ApiError(409, 'printer_not_configured', 'x'), true)).toBe('not_configured');
    expect(deliveryFailure(new ApiError(503, 'email_not_configured', 'x'), true)).toBe('not_configured');
  });

  it('follows a job until it is sent, failed or bounced', () => {
    expect(['queued', 'sending', undefined].map(jobInFlight)).toEqual([true, true, true]);
    expect(['sent', 'failed', 'bounced'].map(jobInFlight)).toEqual([false, false, false]);
  });
});
