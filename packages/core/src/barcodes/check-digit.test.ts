import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BarcodeError,
  expandUpcE,
  gs1CheckDigit,
  hasValidCheckDigit,
  priceCheckDigit,
  validateGtin,
  withCheckDigit,
} from './index.js';

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof BarcodeError ? e.code : 'not a BarcodeError';
  }
  return undefined;
}

describe('GS1 mod-10 check digit', () => {
  it('matches the GS1 calculator reference values', () => {
    expect(gs1CheckDigit('629104150021')).toBe(3);
    expect(gs1CheckDigit('950110153100')).toBe(0);
    expect(gs1CheckDigit('9501234')).toBe(6);
    expect(withCheckDigit('400638133393')).toBe('4006381333931');
  });

  it('validates EAN-13, EAN-8, UPC-A and GTIN-14', () => {
    expect(validateGtin('6291041500213')).toBe('6291041500213');
    expect(validateGtin('95012346')).toBe('95012346');
    expect(validateGtin('036000291452')).toBe('036000291452'); // UPC-A
    expect(validateGtin('09501101530003')).toBe('09501101530003');
  });

  it('reports wrong check digits, wrong lengths and non-digits with typed codes', () => {
    expect(errorCode(() => validateGtin('6291041500214'))).toBe('check_digit');
    expect(errorCode(() => validateGtin('95012345'))).toBe('check_digit');
    expect(errorCode(() => validateGtin('629104150021'))).toBe('check_digit'); // 12 digits, not a valid UPC-A
    expect(errorCode(() => validateGtin('62910415002'))).toBe('length');
    expect(errorCode(() => validateGtin('629104150021300'))).toBe('length');
    expect(errorCode(() => validateGtin('62910415002X3'))).toBe('format');
  });

  it('detects every single-digit error (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (data, pos, delta) => {
          const code = withCheckDigit(data);
          expect(hasValidCheckDigit(code)).toBe(true);
          const changed = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
          expect(hasValidCheckDigit(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('UPC-E', () => {
  it('expands to UPC-A by the zero-suppression rules', () => {
    // last digit 0–2: NS d1 d2 d6 0000 d3 d4 d5
    expect(expandUpcE('04252614')).toBe('042100005264');
    // last digit 3: NS d1 d2 d3 00000 d4 d5
    expect(expandUpcE(withCheckDigitUpcE('0123453'))).toBe(withCheckDigit('01230000045'));
    // last digit 4: NS d1 d2 d3 d4 00000 d5
    expect(expandUpcE(withCheckDigitUpcE('0123454'))).toBe(withCheckDigit('01234000005'));
    // last digit 5–9: NS d1 d2 d3 d4 d5 0000 d6
    expect(expandUpcE(withCheckDigitUpcE('0123457'))).toBe(withCheckDigit('01234500007'));
  });

  it('refuses wrong check digits, lengths and number systems', () => {
    expect(errorCode(() => expandUpcE('04252615'))).toBe('check_digit');
    expect(errorCode(() => expandUpcE('0425261'))).toBe('length');
    expect(errorCode(() => expandUpcE('24252614'))).toBe('format');
  });
});

/** Helper: UPC-E check digit = check digit of the expanded UPC-A. */
function withCheckDigitUpcE(data7: string): string {
  for (let c = 0; c <= 9; c++) {
    try {
      return (expandUpcE(`${data7}${c}`), `${data7}${c}`);
    } catch {
      // try next
    }
  }
  throw new Error('unreachable');
}

describe('price/weight check digits (GS1 Gen Specs § 7.9.2–7.9.4)', () => {
  it('matches the reference values', () => {
    expect(priceCheckDigit('2875')).toBe(9);
    expect(priceCheckDigit('14685')).toBe(6);
    // hand-computed: 00347 → 5+(0)=0, 2-(0)=0, 5-(3)=4, 5+(4)=2, 2-(7)=3; sum 9 → r = 1 → "5-"⁻¹(1) = 9
    expect(priceCheckDigit('00347')).toBe(9);
    expect(priceCheckDigit('00000')).toBe(0);
  });

  it('refuses other lengths', () => {
    expect(errorCode(() => priceCheckDigit('123'))).toBe('length');
    expect(errorCode(() => priceCheckDigit('123456'))).toBe('length');
  });

  it('5-digit check detects every single-digit change (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{5}$/),
        fc.nat(4),
        fc.integer({ min: 1, max: 9 }),
        (v, pos, delta) => {
          const changed = v.slice(0, pos) + String((Number(v[pos]) + delta) % 10) + v.slice(pos + 1);
          expect(priceCheckDigit(changed)).not.toBe(priceCheckDigit(v));
        },
      ),
    );
  });
});
