import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config.js';

describe('email and SMS configuration', () => {
  it('is absent unless configured, and parsed once with its defaults', () => {
    expect(parseConfig({})).toMatchObject({ smtp: undefined, sms: undefined });
    expect(parseConfig({ OPENTILL_SMTP_HOST: 'mail.example.com', OPENTILL_SMTP_FROM: 'Bon <bon@example.com>' }).smtp).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      requireTls: false,
      auth: undefined,
      from: 'Bon <bon@example.com>',
    });
    const full = parseConfig({
      OPENTILL_SMTP_HOST: 'mail.example.com',
      OPENTILL_SMTP_PORT: '465',
      OPENTILL_SMTP_SECURE: 'true',
      OPENTILL_SMTP_USER: 'till',
      OPENTILL_SMTP_PASSWORD: 's3cret',
      OPENTILL_SMTP_FROM: 'bon@example.com',
      OPENTILL_SMS_WEBHOOK_URL: 'https://sms.example.com/send',
      OPENTILL_SMS_WEBHOOK_AUTH: 'Bearer abc',
    });
    expect(full.smtp).toMatchObject({ port: 465, secure: true, auth: { user: 'till', pass: 's3cret' } });
    expect(full.sms).toEqual({ webhookUrl: 'https://sms.example.com/send', authorization: 'Bearer abc' });
  });

  it('names the variable that is wrong', () => {
    expect(() => parseConfig({ OPENTILL_SMTP_HOST: 'mail.example.com' })).toThrow(/OPENTILL_SMTP_FROM is required/);
    expect(() => parseConfig({ OPENTILL_SMTP_HOST: 'm', OPENTILL_SMTP_FROM: 'a@b.c', OPENTILL_SMTP_USER: 'u' })).toThrow(
      /OPENTILL_SMTP_USER and OPENTILL_SMTP_PASSWORD must be set together/,
    );
    expect(() => parseConfig({ OPENTILL_SMTP_PORT: '99999' })).toThrow(/OPENTILL_SMTP_PORT/);
    expect(() => parseConfig({ OPENTILL_SMTP_SECURE: 'maybe' })).toThrow(/OPENTILL_SMTP_SECURE/);
    expect(() => parseConfig({ OPENTILL_SMS_WEBHOOK_URL: 'not a url' })).toThrow(ConfigError);
  });
});
