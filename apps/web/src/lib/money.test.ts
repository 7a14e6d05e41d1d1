import { describe, expect, it } from 'vitest';
import { formatBp, formatMinor, minorToInput, parseMoneyInput, parsePercentInput } from './money';

describe('money at the UI edge', () => {
  it('formats minor units with Intl in the UI language', () => {
    expect(formatMinor(1234, 'EUR', 'de').replace(/\s/g, ' ')).toBe('12,34 €');
    expect(formatMinor(1234, 'EUR', 'en')).toBe('€12.34');
    expect(formatMinor(5, 'EUR', 'en')).toBe('€0.05');
    expect(formatMinor(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMinor(null, 'EUR', 'en')).toBe('—');
    // Beyond float precision: stays exact because Intl gets a decimal string.
    expect(formatMinor(9_007_199_254_740_991, 'EUR', 'en')).toBe('€90,071,992,547,409.91');
  });

  it('parses typed prices exactly, with either separator', () => {
    expect(parseMoneyInput('1,50', 'EUR')).toEqual({ ok: true, value: 150 });
    expect(parseMoneyInput('1.5', 'EUR')).toEqual({ ok: true, value: 150 });
    expect(parseMoneyInput(' 0.29 € ', 'EUR')).toEqual({ ok: true, value: 29 });
    expect(parseMoneyInput('4.35', 'EUR')).toEqual({ ok: true, value: 435 }); // 4.35*100 = 434.99… as float
    expect(parseMoneyInput('1.234,50', 'EUR')).toEqual({ ok: false, error: 'invalid_amount' });
    expect(parseMoneyInput('1.505', 'EUR')).toEqual({ ok: false, error: 'too_precise' });
    expect(parseMoneyInput('-1', 'EUR')).toEqual({ ok: false, error: 'negative' });
    expect(parseMoneyInput('-1', 'EUR', { allowNegative: true })).toEqual({ ok: true, value: -100 });
    expect(parseMoneyInput('', 'EUR')).toEqual({ ok: false, error: 'required' });
    expect(parseMoneyInput('abc', 'EUR')).toEqual({ ok: false, error: 'invalid_amount' });
  });

  it('round-trips through the edit text', () => {
    expect(minorToInput(150, 'EUR', 'de')).toBe('1,50');
    expect(minorToInput(150, 'EUR', 'en')).toBe('1.50');
    expect(minorToInput(null, 'EUR', 'en')).toBe('');
  });

  it('formats and parses percentages as basis points', () => {
    expect(formatBp(1900, 'en')).toBe('19%');
    expect(formatBp(750, 'de').replace(/\s/g, ' ')).toBe('7,5 %');
    expect(parsePercentInput('19')).toEqual({ ok: true, value: 1900 });
    expect(parsePercentInput('7,5')).toEqual({ ok: true, value: 750 });
    expect(parsePercentInput('100.01')).toEqual({ ok: false });
    expect(parsePercentInput('x')).toEqual({ ok: false });
  });
});
