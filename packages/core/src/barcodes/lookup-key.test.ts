import { describe, expect, it } from 'vitest';
import { GERMAN_VARIABLE_MEASURE_RULES, encodeVariableMeasure } from './variable-measure.js';
import { parseScan } from './parse-scan.js';
import { scanLookupKey } from './lookup-key.js';

describe('scanLookupKey (the catalog key server and offline register both look up)', () => {
  it('gives every GTIN form of one article the same key, and PLUs and internal codes their own', () => {
    expect(scanLookupKey(parseScan('4006381333931'))).toBe('04006381333931');
    expect(scanLookupKey(parseScan(']d2010400638133393110LOT1'))).toBe('04006381333931');
    expect(scanLookupKey(parseScan('4011'))).toBe('plu:4011');
    expect(scanLookupKey(parseScan(' ABC-1 '))).toBe('int:ABC-1');
    const rule = GERMAN_VARIABLE_MEASURE_RULES.find((r) => r.prefix === '28')!;
    const a = scanLookupKey(parseScan(encodeVariableMeasure(rule, '1001', 235)));
    expect(a).toBe(scanLookupKey(parseScan(encodeVariableMeasure(rule, '1001', 990))));
    expect(a).toMatch(/^0\d{13}$/);
  });
});
