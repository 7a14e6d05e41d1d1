import { describe, expect, it } from 'vitest';
import { countTotal, EUR_DENOMINATIONS, formatDenomination, overShort, parsePieces, readCount, toDenominationsBody } from './cash-count';

describe('cash count by denomination', () => {
  it('sums notes and coins exactly in cents', () => {
    // 2 × 50 € + 3 × 10 € + 7 × 2 € + 9 × 0.10 € + 3 × 0.01 € = 144.93 €
    expect(countTotal({ 5000: 2, 1000: 3, 200: 7, 10: 9, 1: 3 })).toBe(14_493);
    expect(countTotal({})).toBe(0);
  });

  it('has no float drift where decimal euros would (0.10 × 3 ≠ 0.30 in floats)', () => {
    expect(countTotal({ 10: 3, 20: 1 })).toBe(50);
    expect(countTotal({ 1: 1_000_000, 50_000: 1_000_000 })).toBe(50_001_000_000);
  });

  it('offers every euro note and coin once, largest first', () => {
    expect(EUR_DENOMINATIONS).toEqual([50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1]);
  });

  it('refuses anything but whole piece counts', () => {
    expect(parsePieces('')).toBe(0);
    expect(parsePieces(' 12 ')).toBe(12);
    for (const bad of ['-1', '1.5', '1,5', 'abc', '1e3', '99999999']) expect(parsePieces(bad)).toBeNull();
  });

  it('reads typed fields and names the invalid ones', () => {
    const { count, invalid } = readCount({ 5000: '2', 200: 'x', 1: '' });
    expect(invalid).toEqual([200]);
    expect(count[5000]).toBe(2);
    expect(count[1]).toBe(0);
  });

  it('sends only counted denominations, keyed by cents', () => {
    expect(toDenominationsBody({ 5000: 2, 200: 0, 1: 3 })).toEqual({ '5000': 2, '1': 3 });
  });

  it('tells over from short', () => {
    expect(overShort(10_050, 10_000)).toEqual({ amount: 50, kind: 'over' });
    expect(overShort(9_990, 10_000)).toEqual({ amount: -10, kind: 'short' });
    expect(overShort(100, 100)).toEqual({ amount: 0, kind: 'even' });
  });

  it('labels notes without cents and coins with them', () => {
    const nbsp = (t: string) => t.replace(/\u00a0/g, ' ');
    expect(nbsp(formatDenomination(50_000, 'EUR', 'de-DE'))).toBe('500 €');
    expect(nbsp(formatDenomination(50, 'EUR', 'de-DE'))).toBe('0,50 €');
    expect(formatDenomination(200, 'EUR', 'en-US')).toBe('€2');
    expect(formatDenomination(1, 'EUR', 'en-US')).toBe('€0.01');
  });
});
