import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import { newToken, receiptBaseUrl, TOKEN_PATTERN } from './receipt-links.js';

describe('digital receipt links', () => {
  it('link to OPENTILL_PUBLIC_URL, else to the configured host and port', () => {
    expect(receiptBaseUrl(parseConfig({ OPENTILL_PUBLIC_URL: 'https://kasse.example.de/' }))).toBe('https://kasse.example.de');
    expect(receiptBaseUrl(parseConfig({ HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://localhost:8080');
    expect(receiptBaseUrl(parseConfig({ HOST: '192.168.1.20', PORT: '3000' }))).toBe('http://192.168.1.20:3000');
    expect(receiptBaseUrl(parseConfig({ HOST: '::1', PORT: '3000' }))).toBe('http://[::1]:3000');
  });

  it('use 160-bit random tokens that never repeat', () => {
    const tokens = new Set(Array.from({ length: 10_000 }, newToken));
    expect(tokens.size).toBe(10_000);
    for (const t of tokens) expect(t).toMatch(TOKEN_PATTERN);
    expect(Buffer.from([...tokens][0]!, 'base64url')).toHaveLength(20);
  });
});
