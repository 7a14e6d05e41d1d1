import { BarcodeError } from './barcode-error.js';
import { gs1CheckDigit, priceCheckDigit } from './check-digit.js';

export type MeasureKind = 'weight' | 'price' | 'count';

/**
 * How one GTIN-13 prefix of the in-store range (02, 20–29, GS1 General Specifications
 * § 2.1.11–2.1.12) encodes a variable measure. The meaning is set by the local GS1 member
 * organisation and scales are configurable, so this is per-store data, not code.
 */
export interface VariableMeasureRule {
  /** First two digits of the 13-digit form (a UPC-A gets a leading 0, so US "2…" is "02"). */
  readonly prefix: string;
  readonly kind: MeasureKind;
  /**
   * 12 characters over digits 1–12 of the EAN-13 (digit 13 is the GTIN check digit):
   * `P` prefix, `I` item reference, `C` value check digit (optional), `V` value.
   * German layout `PP IIII C VVVVV` = `'PPIIIICVVVVV'`.
   */
  readonly pattern: string;
  /** Decimal places of the value: weight in kg (3 → grams), price in currency units (2 → cents). */
  readonly decimals: number;
}

/**
 * GS1 Germany rules ("GTIN in der Anwendung", SAN-4-Konzept; layout as in jodal/biip
 * `gtin/_rcn.py`): 22/23 price (2 decimals), 25/26 count, 28/29 weight (kg, 3 decimals), all with
 * the 5-digit value check digit in position 7. 20, 21, 24, 27 carry no measure.
 */
export const GERMAN_VARIABLE_MEASURE_RULES: readonly VariableMeasureRule[] = [
  { prefix: '22', kind: 'price', pattern: 'PPIIIICVVVVV', decimals: 2 },
  { prefix: '23', kind: 'price', pattern: 'PPIIIICVVVVV', decimals: 2 },
  { prefix: '25', kind: 'count', pattern: 'PPIIIICVVVVV', decimals: 0 },
  { prefix: '26', kind: 'count', pattern: 'PPIIIICVVVVV', decimals: 0 },
  { prefix: '28', kind: 'weight', pattern: 'PPIIIICVVVVV', decimals: 3 },
  { prefix: '29', kind: 'weight', pattern: 'PPIIIICVVVVV', decimals: 3 },
];

export interface VariableMeasureScan {
  readonly kind: 'variable_measure';
  readonly measure: MeasureKind;
  /** The 13-digit code as scanned. */
  readonly code: string;
  readonly prefix: string;
  /** The item reference digits (`I` positions), the key scales are programmed with. */
  readonly itemCode: string;
  /**
   * The code with the value zeroed and both check digits recomputed — a stable GTIN for the
   * catalog lookup of the article (biip `without_variable_measure`).
   */
  readonly lookupGtin: string;
  readonly weightMilli?: number;
  readonly priceMinor?: number;
  readonly count?: number;
}

function slots(pattern: string, ch: string): number[] {
  return [...pattern].flatMap((c, i) => (c === ch ? [i] : []));
}

export function validateRule(rule: VariableMeasureRule): void {
  const bad = (msg: string): never => {
    throw new BarcodeError('format', `Variable measure rule ${rule.prefix}: ${msg}`);
  };
  if (!/^\d\d$/.test(rule.prefix)) bad('prefix must be two digits');
  if (!/^PP[ICV]{10}$/.test(rule.pattern)) bad('pattern must be PP + 10 chars of I/C/V');
  const values = slots(rule.pattern, 'V');
  const checks = slots(rule.pattern, 'C');
  if (values.length === 0) bad('pattern needs a value (V)');
  if (checks.length > 1) bad('at most one value check digit (C)');
  if (checks.length === 1 && values.length !== 4 && values.length !== 5)
    bad('check digit needs a 4 or 5 digit value');
  if (!Number.isInteger(rule.decimals) || rule.decimals < 0 || rule.decimals > 6) bad('decimals must be 0–6');
}

const pick = (code: string, idx: number[]): string => idx.map((i) => code[i]).join('');

/** Scales an integer with `from` decimals to `to` decimals, rounding half-up if precision is lost. */
function rescale(value: number, from: number, to: number): number {
  if (from <= to) return value * 10 ** (to - from);
  const div = 10 ** (from - to);
  const q = (value - (value % div)) / div;
  return value % div >= div / 2 ? q + 1 : q;
}

/**
 * Decodes a 13-digit in-store code with `rule`. The GTIN check digit must already be valid;
 * a wrong value check digit throws `BarcodeError('check_digit')`.
 */
export function decodeVariableMeasure(
  code13: string,
  rule: VariableMeasureRule,
  currencyExponent: number,
): VariableMeasureScan {
  validateRule(rule);
  const valueIdx = slots(rule.pattern, 'V');
  const checkIdx = slots(rule.pattern, 'C');
  const valueDigits = pick(code13, valueIdx);
  if (checkIdx.length === 1) {
    const expected = priceCheckDigit(valueDigits);
    if (String(expected) !== code13[checkIdx[0]!]) {
      throw new BarcodeError(
        'check_digit',
        `Wrong ${rule.kind} check digit in ${code13}: expected ${expected}`,
      );
    }
  }
  const digits = [...code13.slice(0, 12)];
  valueIdx.forEach((i) => (digits[i] = '0'));
  if (checkIdx.length === 1) digits[checkIdx[0]!] = String(priceCheckDigit('0'.repeat(valueIdx.length)));
  const body = digits.join('');
  const value = Number(valueDigits);
  const base = {
    kind: 'variable_measure' as const,
    measure: rule.kind,
    code: code13,
    prefix: rule.prefix,
    itemCode: pick(code13, slots(rule.pattern, 'I')),
    lookupGtin: `${body}${gs1CheckDigit(body)}`,
  };
  switch (rule.kind) {
    case 'weight':
      return { ...base, weightMilli: rescale(value, rule.decimals, 3) };
    case 'price':
      return { ...base, priceMinor: rescale(value, rule.decimals, currencyExponent) };
    case 'count':
      return { ...base, count: rescale(value, rule.decimals, 0) };
  }
}

/** Builds a code for a rule (for tests, label printing and scale setup). */
export function encodeVariableMeasure(rule: VariableMeasureRule, itemCode: string, value: number): string {
  validateRule(rule);
  const itemIdx = slots(rule.pattern, 'I');
  const valueIdx = slots(rule.pattern, 'V');
  const checkIdx = slots(rule.pattern, 'C');
  if (!/^\d*$/.test(itemCode) || itemCode.length !== itemIdx.length) {
    throw new BarcodeError('length', `Item code must have ${itemIdx.length} digits`);
  }
  const valueDigits = String(value);
  if (!Number.isSafeInteger(value) || value < 0 || valueDigits.length > valueIdx.length) {
    throw new BarcodeError('length', `Value ${value} does not fit ${valueIdx.length} digits`);
  }
  const padded = valueDigits.padStart(valueIdx.length, '0');
  const digits = [...rule.pattern];
  [...rule.prefix].forEach((d, k) => (digits[slots(rule.pattern, 'P')[k]!] = d));
  itemIdx.forEach((i, k) => (digits[i] = itemCode[k]!));
  valueIdx.forEach((i, k) => (digits[i] = padded[k]!));
  if (checkIdx.length === 1) digits[checkIdx[0]!] = String(priceCheckDigit(padded));
  const body = digits.join('');
  return `${body}${gs1CheckDigit(body)}`;
}
