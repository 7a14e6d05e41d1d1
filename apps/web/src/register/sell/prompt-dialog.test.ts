import { describe, expect, it } from 'vitest';
import { parseWeight } from './prompt-dialog';

describe('weight entry', () => {
  it('reads kilograms with either decimal separator and plain grams', () => {
    expect(parseWeight('0,312')).toBe(312);
    expect(parseWeight('1.5 kg')).toBe(1500);
    expect(parseWeight('312')).toBe(312);
    expect(parseWeight('250g')).toBe(250);
    expect(parseWeight('2')).toBe(2000);
    expect(parseWeight('0')).toBeNull();
    expect(parseWeight('abc')).toBeNull();
    expect(parseWeight('1,2345')).toBeNull();
  });
});
