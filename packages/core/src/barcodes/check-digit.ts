import { BarcodeError } from './barcode-error.js';

const DIGITS = /^\d+$/;

function assertDigits(value: string, what: string): void {
  if (!DIGITS.test(value))
    throw new BarcodeError('format', `${what} must contain digits only: ${JSON.stringify(value)}`);
}

/**
 * GS1 mod-10 check digit (GS1 General Specifications § 7.9.1) for GTIN-8/12/13/14 and SSCC:
 * weights 3, 1, 3, 1, … from the rightmost data digit leftwards; check = (10 − sum mod 10) mod 10.
 */
export function gs1CheckDigit(data: string): number {
  assertDigits(data, 'GS1 data');
  let sum = 0;
  for (let i = data.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (data.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** True if the last digit is the correct GS1 check digit of the rest. */
export function hasValidCheckDigit(code: string): boolean {
  return DIGITS.test(code) && code.length >= 2 && gs1CheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

const GTIN_LENGTHS = [8, 12, 13, 14];

/** Validates a GTIN-8/12/13/14 (EAN-8, UPC-A, EAN-13, ITF-14); throws a typed `BarcodeError`. */
export function validateGtin(code: string): string {
  assertDigits(code, 'GTIN');
  if (!GTIN_LENGTHS.includes(code.length)) {
    throw new BarcodeError('length', `A GTIN has 8, 12, 13 or 14 digits, got ${code.length}`);
  }
  const expected = gs1CheckDigit(code.slice(0, -1));
  if (expected !== Number(code.slice(-1))) {
    throw new BarcodeError('check_digit', `Wrong check digit in ${code}: expected ${expected}`);
  }
  return code;
}

/** Appends the check digit: `withCheckDigit('400638133393')` → `4006381333931`. */
export function withCheckDigit(data: string): string {
  return `${data}${gs1CheckDigit(data)}`;
}

/** GTIN-14 form (left-padded with zeros) used as the canonical catalog key. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, '0');
}

/**
 * UPC-E (8 digits: number system 0/1, six data digits, check digit) → UPC-A, following the
 * zero-suppression rules of GS1 General Specifications § 5.2.2.4.2: the last data digit tells
 * where the manufacturer/product zeros were removed. The UPC-E check digit is the UPC-A one.
 */
export function expandUpcE(upce: string): string {
  assertDigits(upce, 'UPC-E');
  if (upce.length !== 8) throw new BarcodeError('length', `UPC-E has 8 digits, got ${upce.length}`);
  const ns = upce[0]!;
  if (ns !== '0' && ns !== '1')
    throw new BarcodeError('format', `UPC-E number system must be 0 or 1, got ${ns}`);
  const d = upce.slice(1, 7);
  const last = d[5]!;
  let body: string;
  if (last <= '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d[4]}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  const upca = `${ns}${body}${upce[7]}`;
  const expected = gs1CheckDigit(upca.slice(0, -1));
  if (expected !== Number(upce[7])) {
    throw new BarcodeError('check_digit', `Wrong UPC-E check digit in ${upce}: expected ${expected}`);
  }
  return upca;
}

// Weighting tables of GS1 General Specifications § 7.9.3 ("2-", "3", "5+", "5-"), indexed by digit.
const TWO_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
const FIVE_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
const FIVE_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];
const THREE = (d: number): number => (3 * d) % 10;

const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * Check digit over a 4- or 5-digit price/weight field of an in-store (RCN) barcode,
 * GS1 General Specifications § 7.9.2–7.9.4.
 * - 4 digits: weights 2-, 2-, 3, 5-; check = (sum × 3) mod 10.       `2875` → 9
 * - 5 digits: weights 5+, 2-, 5-, 5+, 2-; r = (10 − sum mod 10) mod 10;
 *   check = the digit whose "5-" weighted value is r.                 `14685` → 6
 */
export function priceCheckDigit(value: string): number {
  assertDigits(value, 'Price/weight value');
  if (value.length === 4) {
    const sum =
      TWO_MINUS[digitAt(value, 0)]! +
      TWO_MINUS[digitAt(value, 1)]! +
      THREE(digitAt(value, 2)) +
      FIVE_MINUS[digitAt(value, 3)]!;
    return (sum * 3) % 10;
  }
  if (value.length === 5) {
    const sum =
      FIVE_PLUS[digitAt(value, 0)]! +
      TWO_MINUS[digitAt(value, 1)]! +
      FIVE_MINUS[digitAt(value, 2)]! +
      FIVE_PLUS[digitAt(value, 3)]! +
      TWO_MINUS[digitAt(value, 4)]!;
    const r = (10 - (sum % 10)) % 10;
    return FIVE_MINUS.indexOf(r);
  }
  throw new BarcodeError('length', `Price check digits exist for 4 or 5 digit values, got ${value.length}`);
}
