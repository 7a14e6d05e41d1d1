import { describe, expect, it } from 'vitest';
import { languageFromLocale, pickLanguage } from './language';
import { safeRedirect } from '../lib/safe-redirect';
import { toAuditView } from '../backoffice/audit/audit-entry';

describe('language choice', () => {
  it('maps locales to supported languages', () => {
    expect(languageFromLocale('de-DE')).toBe('de');
    expect(languageFromLocale('en_GB')).toBe('en');
    expect(languageFromLocale('fr-FR')).toBeUndefined();
    expect(languageFromLocale('')).toBeUndefined();
  });

  it('prefers the stored choice, then the store, then the browser', () => {
    expect(pickLanguage({ stored: 'en', storeLocale: 'de-DE', browserLocales: ['de'] })).toBe('en');
    expect(pickLanguage({ stored: null, storeLocale: 'de-DE', browserLocales: ['en-US'] })).toBe('de');
    expect(pickLanguage({ stored: 'xx', storeLocale: 'fr-FR', browserLocales: ['fr', 'de-AT'] })).toBe('de');
    expect(pickLanguage({})).toBe('en');
  });
});

describe('safeRedirect', () => {
  it('only allows same-app paths', () => {
    expect(safeRedirect('/backoffice/devices')).toBe('/backoffice/devices');
    expect(safeRedirect('https://evil.example')).toBe('/backoffice');
    expect(safeRedirect('//evil.example')).toBe('/backoffice');
    expect(safeRedirect(undefined)).toBe('/backoffice');
    expect(safeRedirect('/backoffice/login?redirect=x')).toBe('/backoffice');
  });
});

describe('toAuditView', () => {
  it('reads the server audit shape', () => {
    const view = toAuditView({
      id: 'a1',
      at: '2026-11-27T13:17:23.054Z',
      action: 'device.pairing_code.create',
      outcome: 'success',
      actor: { userId: 'u1', name: 'Olivia Owner', apiKeyId: null },
      entity: { type: 'register', id: 'r1' },
      details: { expiresAt: 'x' },
    });
    expect(view).toEqual({
      id: 'a1',
      at: '2026-11-27T13:17:23.054Z',
      action: 'device.pairing_code.create',
      outcome: 'success',
      actor: 'Olivia Owner',
      detail: 'register {"expiresAt":"x"}',
    });
    expect(toAuditView({ id: 'b' }).actor).toBe('—');
  });
});
