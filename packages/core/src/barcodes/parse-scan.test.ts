import { describe, expect, it } from 'vitest';
import {
  BarcodeError,
  GERMAN_BARCODE_CONFIG,
  GERMAN_VARIABLE_MEASURE_RULES,
  GS,
  encodeVariableMeasure,
  gs1Date,
  parseScan,
  safeParseScan,
  type StoreBarcodeConfig,
  withCheckDigit,
} from './index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof BarcodeError ? e.code : 'other';
  }
  return undefined;
}

describe('parseScan: GTINs', () => {
  it('classifies EAN-13, EAN-8, UPC-A, GTIN-14', () => {
    expect(parseScan('4006381333931')).toEqual({
      kind: 'gtin',
      gtin: '4006381333931',
      gtin14: '04006381333931',
      format: 'ean13',
      inStore: false,
    });
    expect(parseScan('95012346')).toMatchObject({ kind: 'gtin', format: 'ean8', gtin14: '00000095012346' });
    expect(parseScan('036000291452')).toMatchObject({
      kind: 'gtin',
      format: 'upca',
      gtin14: '00036000291452',
    });
    expect(parseScan('09501101530003')).toMatchObject({ kind: 'gtin', format: 'gtin14' });
    expect(parseScan(' 4006381333931\r\n')).toMatchObject({ kind: 'gtin' });
    expect(parseScan(']E04006381333931')).toMatchObject({ kind: 'gtin', gtin: '4006381333931' });
  });

  it('expands UPC-E when the 8 digits are not a valid EAN-8', () => {
    expect(parseScan('04252614')).toMatchObject({ kind: 'gtin', format: 'upce', gtin: '042100005264' });
    const upce: StoreBarcodeConfig = { ...GERMAN_BARCODE_CONFIG, eightDigit: 'upce' };
    expect(parseScan('04252614', upce)).toMatchObject({ format: 'upce' });
    expect(codeOf(() => parseScan('04252614', { ...GERMAN_BARCODE_CONFIG, eightDigit: 'ean8' }))).toBe(
      'check_digit',
    );
  });

  it('flags in-store numbers without a measure rule', () => {
    expect(parseScan(withCheckDigit('201234500000'))).toMatchObject({ kind: 'gtin', inStore: true });
    expect(parseScan(withCheckDigit('041234500000'))).toMatchObject({ kind: 'gtin', inStore: true }); // 040–049
    expect(parseScan(withCheckDigit('0123456'))).toMatchObject({
      kind: 'gtin',
      format: 'ean8',
      inStore: true,
    });
  });

  it('throws typed errors for wrong check digits and short/long codes', () => {
    expect(codeOf(() => parseScan('4006381333932'))).toBe('check_digit');
    expect(codeOf(() => parseScan('95012345'))).toBe('check_digit');
    expect(codeOf(() => parseScan('036000291453'))).toBe('check_digit');
    expect(codeOf(() => parseScan('09501101530004'))).toBe('check_digit');
    expect(codeOf(() => parseScan('123'))).toBe('length');
    expect(codeOf(() => parseScan('400638'))).toBe('length');
    expect(codeOf(() => parseScan('40063813339'))).toBe('length'); // 11 digits
    expect(codeOf(() => parseScan('400638133393100'))).toBe('length'); // 15 digits
    expect(codeOf(() => parseScan(''))).toBe('length');
    const safe = safeParseScan('4006381333932');
    expect(safe.ok).toBe(false);
    if (!safe.ok) expect(safe.error.code).toBe('check_digit');
  });
});

describe('parseScan: German in-store variable measure codes (PP IIII C VVVVV K)', () => {
  it('decodes a weight code: cheese 0.347 kg', () => {
    // 28 1234 C 00347 K: value check digit of 00347 is 9 (see check-digit tests);
    // GTIN check over 281234900347: 7·3+4+3·3+0+0·3+9+4·3+3+2·3+1+8·3+2 = 91 → 9
    expect(parseScan('2812349003479')).toEqual({
      kind: 'variable_measure',
      measure: 'weight',
      code: '2812349003479',
      prefix: '28',
      itemCode: '1234',
      // value and its check digit zeroed; GTIN check over 281234000000 = 4·3+3+2·3+1+8·3+2 = 48 → 2
      lookupGtin: '2812340000002',
      weightMilli: 347,
    });
  });

  it('decodes a price code: 2.99 €', () => {
    // 22 4711 C 00299: 5+(0)+2-(0)+5-(2)+5+(9)+2-(9) = 0+0+9+9+7 = 25 → r = 5 → "5-"⁻¹(5) = 1
    // GTIN check over 224711100299 = 80 → 0
    expect(parseScan('2247111002990')).toMatchObject({ measure: 'price', itemCode: '4711', priceMinor: 299 });
  });

  it('decodes a count code and round-trips through the encoder', () => {
    const rule = GERMAN_VARIABLE_MEASURE_RULES.find((r) => r.prefix === '25')!;
    const code = encodeVariableMeasure(rule, '0042', 6);
    expect(parseScan(code)).toMatchObject({ measure: 'count', itemCode: '0042', count: 6 });
    const weight = GERMAN_VARIABLE_MEASURE_RULES.find((r) => r.prefix === '28')!;
    expect(encodeVariableMeasure(weight, '1234', 347)).toBe('2812349003479');
  });

  it('rejects a wrong value check digit even when the GTIN check digit is right', () => {
    // value check digit 8 instead of 9, GTIN check digit recomputed (2812348003470 is GTIN-valid)
    expect(codeOf(() => parseScan('2812348003470'))).toBe('check_digit');
    // wrong GTIN check digit
    expect(codeOf(() => parseScan('2812349003478'))).toBe('check_digit');
  });

  it('uses per-store layouts: a 4-digit price with check digit (UK-style) and no check digit (SE-style)', () => {
    const config: StoreBarcodeConfig = {
      ...GERMAN_BARCODE_CONFIG,
      currencyExponent: 2,
      variableMeasure: [
        { prefix: '20', kind: 'price', pattern: 'PPIIIIICVVVV', decimals: 2 },
        { prefix: '23', kind: 'weight', pattern: 'PPIIIIIIVVVV', decimals: 3 },
      ],
    };
    const uk = encodeVariableMeasure(config.variableMeasure[0]!, '12345', 2875);
    expect(uk.slice(7, 8)).toBe('9'); // price check digit of 2875
    expect(parseScan(uk, config)).toMatchObject({ measure: 'price', itemCode: '12345', priceMinor: 2875 });
    const se = encodeVariableMeasure(config.variableMeasure[1]!, '123456', 1250);
    expect(parseScan(se, config)).toMatchObject({ measure: 'weight', weightMilli: 1250 });
    // with this config, 22… is an ordinary in-store GTIN
    expect(parseScan('2247111002990', config)).toMatchObject({ kind: 'gtin', inStore: true });
  });

  it('refuses malformed rules', () => {
    const bad = {
      ...GERMAN_BARCODE_CONFIG,
      variableMeasure: [{ prefix: '2', kind: 'price' as const, pattern: 'x', decimals: 2 }],
    };
    expect(codeOf(() => parseScan('4006381333931', bad))).toBe('format');
  });
});

describe('parseScan: GS1 element strings', () => {
  const gtin = '09501101530003';

  it('parses GS1 DataMatrix with FNC1 as GS: GTIN, expiry, batch, serial', () => {
    const scan = parseScan(`]d201${gtin}17251231` + `10ABC123${GS}21SER42`);
    expect(scan).toMatchObject({ kind: 'gs1', gtin, expiry: '2025-12-31', batch: 'ABC123', serial: 'SER42' });
  });

  it('accepts ]C1, ]Q3 and a bare leading GS, and weight / price AIs', () => {
    // 3103 000347 = 0.347 kg; 3922 00829 = 8.29 (2 decimals) → 829 cents
    const data = `01${gtin}3103000347` + `392200829`;
    expect(parseScan(`]C1${data}`)).toMatchObject({ gtin, weightMilli: 347, priceMinor: 829 });
    expect(parseScan(`]Q3${data}`)).toMatchObject({ weightMilli: 347 });
    expect(parseScan(`${GS}${data}`)).toMatchObject({ priceMinor: 829 });
    // 3102 001250 = 12.50 kg → 12500 g; 3921 1234 = 123.4 → 12340 cents
    expect(parseScan(`]C101${gtin}3102001250392112345`)).toMatchObject({
      weightMilli: 12500,
      priceMinor: 123450,
    });
  });

  it('parses the human-readable form and a scan without symbology id', () => {
    expect(parseScan(`(01)${gtin}(17)260200(10)L1`)).toMatchObject({
      gtin,
      expiry: '2026-02-28',
      batch: 'L1',
    });
    expect(parseScan(`01${gtin}17260131`)).toMatchObject({ gtin, expiry: '2026-01-31' });
    expect(codeOf(() => parseScan(`01${gtin}17260229`))).toBe('format'); // 2026 is no leap year
  });

  it('rejects a wrong GTIN check digit, truncated fixed fields and unknown AIs', () => {
    expect(codeOf(() => parseScan(`]d20109501101530004`))).toBe('check_digit');
    expect(codeOf(() => parseScan(`]d201095011015300`))).toBe('length');
    expect(codeOf(() => parseScan(']d205123'))).toBe('format'); // AI 05 does not exist
    expect(codeOf(() => parseScan(`]d210${'X'.repeat(21)}`))).toBe('length');
    expect(codeOf(() => parseScan(`]d201${gtin}17251332`))).toBe('format');
  });

  it('applies the GS1 century rule and day 00 = end of month', () => {
    expect(gs1Date('240200')).toBe('2024-02-29');
    expect(gs1Date('991231', 2026)).toBe('1999-12-31');
    expect(gs1Date('751231', 2026)).toBe('2075-12-31');
    expect(gs1Date('770101', 2026)).toBe('1977-01-01');
  });

  it('accepts configured GS substitutes', () => {
    const config = { ...GERMAN_BARCODE_CONFIG, gs1Separators: ['<GS>'] };
    expect(parseScan(`]d210LOT7<GS>01${gtin}`, config)).toMatchObject({ batch: 'LOT7', gtin });
  });
});

describe('parseScan: PLU and unknown', () => {
  it('classifies 4–5 digit codes as PLU', () => {
    expect(parseScan('4011')).toEqual({ kind: 'plu', plu: '4011', organic: false });
    expect(parseScan('94011')).toEqual({ kind: 'plu', plu: '94011', organic: true });
  });

  it('returns unknown for non-numeric text', () => {
    expect(parseScan('CUST-000123')).toEqual({ kind: 'unknown', raw: 'CUST-000123' });
    expect(parseScan('https://example.org/x')).toMatchObject({ kind: 'unknown' });
  });
});
