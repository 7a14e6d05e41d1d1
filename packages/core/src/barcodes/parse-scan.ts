import { BarcodeError } from './barcode-error.js';
import { expandUpcE, hasValidCheckDigit, toGtin14, validateGtin } from './check-digit.js';
import { GS, GS1_SYMBOLOGY_IDS, parseGs1, type Gs1Scan } from './gs1-element-string.js';
import {
  GERMAN_VARIABLE_MEASURE_RULES,
  decodeVariableMeasure,
  validateRule,
  type VariableMeasureRule,
  type VariableMeasureScan,
} from './variable-measure.js';

export interface StoreBarcodeConfig {
  /** In-store (RCN) prefixes that embed a weight, price or count. */
  readonly variableMeasure: readonly VariableMeasureRule[];
  /** Exponent of the store currency, to turn embedded prices into minor units. */
  readonly currencyExponent: number;
  /**
   * 8-digit codes are EAN-8 in Europe but UPC-E in North America. `auto` (default): EAN-8 if its
   * check digit is right, else UPC-E (expanded to UPC-A) if that one is.
   */
  readonly eightDigit?: 'ean8' | 'upce' | 'auto';
  /** Lengths of keyed/scanned PLU codes (IFPS produce PLUs are 4 digits, or 5 with a 9 prefix = organic). */
  readonly pluLengths?: readonly number[];
  /** Characters accepted in place of GS/FNC1 (scanner-configured substitutes). */
  readonly gs1Separators?: readonly string[];
  /** Current year, for the GS1 century rule of YYMMDD dates (caller supplies it: core is pure). */
  readonly referenceYear?: number;
}

export const GERMAN_BARCODE_CONFIG: StoreBarcodeConfig = {
  variableMeasure: GERMAN_VARIABLE_MEASURE_RULES,
  currencyExponent: 2,
  eightDigit: 'auto',
  pluLengths: [4, 5],
};

export type GtinFormat = 'ean13' | 'ean8' | 'upca' | 'upce' | 'gtin14';

export interface GtinScan {
  readonly kind: 'gtin';
  /** The GTIN as printed (UPC-E expanded to its 12-digit UPC-A). */
  readonly gtin: string;
  /** Zero-padded 14-digit form, the canonical catalog key. */
  readonly gtin14: string;
  readonly format: GtinFormat;
  /**
   * Restricted circulation number (GS1 prefixes 020–029 and 200–299 within a region, 040–049
   * within a company, GTIN-8 starting with 0 or 2; GS1 General Specifications § 2.1.11–2.1.12):
   * only meaningful inside this store/company. (400–440 is GS1 Germany, an ordinary GTIN.)
   */
  readonly inStore: boolean;
}

export interface PluScan {
  readonly kind: 'plu';
  readonly plu: string;
  /** IFPS: a 5-digit PLU starting with 9 is the organic variant of the 4-digit code. */
  readonly organic: boolean;
}

export interface UnknownScan {
  readonly kind: 'unknown';
  readonly raw: string;
}

export type ScanResult = GtinScan | VariableMeasureScan | Gs1Scan | PluScan | UnknownScan;

function isRestricted(gtin13OrShorter: string): boolean {
  if (gtin13OrShorter.length === 8) return gtin13OrShorter[0] === '0' || gtin13OrShorter[0] === '2';
  const p = gtin13OrShorter.slice(0, 2);
  return p === '02' || p === '04' || p[0] === '2';
}

function gtinScan(gtin: string, format: GtinFormat): GtinScan {
  const key13 = gtin.length === 12 ? `0${gtin}` : gtin;
  return {
    kind: 'gtin',
    gtin,
    gtin14: toGtin14(gtin),
    format,
    inStore: format !== 'gtin14' && isRestricted(key13),
  };
}

function parseEan13Like(
  code13: string,
  format: GtinFormat,
  original: string,
  config: StoreBarcodeConfig,
): ScanResult {
  validateGtin(code13);
  const rule = config.variableMeasure.find((r) => r.prefix === code13.slice(0, 2));
  if (rule) return decodeVariableMeasure(code13, rule, config.currencyExponent);
  return gtinScan(original, format);
}

function parseEight(code: string, config: StoreBarcodeConfig): GtinScan {
  const mode = config.eightDigit ?? 'auto';
  if (mode === 'ean8') return gtinScan(validateGtin(code), 'ean8');
  if (mode === 'upce') return gtinScan(expandUpcE(code), 'upce');
  if (hasValidCheckDigit(code)) return gtinScan(code, 'ean8');
  if (code[0] === '0' || code[0] === '1') {
    try {
      return gtinScan(expandUpcE(code), 'upce');
    } catch {
      // fall through: report it as a wrong EAN-8 check digit, the common case in Europe
    }
  }
  return gtinScan(validateGtin(code), 'ean8');
}

/**
 * Classifies anything a scanner (or a keyboard) delivers:
 * GS1 element strings (symbology id `]C1`/`]d2`/`]Q3`/`]e0`/`]J1`, a leading FNC1/GS, or
 * "(01)…" text) → `gs1`; 13/12-digit codes whose prefix has a variable-measure rule →
 * `variable_measure`; EAN-13/EAN-8/UPC-A/UPC-E/GTIN-14 → `gtin`; 4–5 digits → `plu`;
 * any other non-numeric text (customer cards, URLs) → `unknown`.
 *
 * Throws `BarcodeError`: `check_digit` for a wrong GTIN or embedded-value check digit, `length`
 * for numeric codes of an impossible length (1–3, 6–7, 9–11, > 14 digits), `format` for broken
 * GS1 data.
 */
export function parseScan(raw: string, config: StoreBarcodeConfig = GERMAN_BARCODE_CONFIG): ScanResult {
  for (const rule of config.variableMeasure) {
    // Validating a rule costs more than a whole scan; rules are immutable, so once per rule object.
    if (!validatedRules.has(rule)) {
      validateRule(rule);
      validatedRules.add(rule);
    }
  }
  let code = raw.replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, '');
  if (code.length === 0) throw new BarcodeError('length', 'Empty scan');
  const gs1Options = {
    currencyExponent: config.currencyExponent,
    referenceYear: config.referenceYear,
    separators: config.gs1Separators,
  };
  const symbology = code.slice(0, 3);
  if (GS1_SYMBOLOGY_IDS.includes(symbology)) return parseGs1(code.slice(3), gs1Options);
  // Other symbology identifiers (`]E0` EAN/UPC, `]C0` plain Code 128, …) carry no GS1 meaning.
  if (/^\][A-Za-z][0-9A-Za-z]/.test(code)) code = code.slice(3);
  if (code.startsWith(GS) || (config.gs1Separators ?? []).some((s) => code.startsWith(s)))
    return parseGs1(code, gs1Options);
  if (/^\(\d{2,4}\)/.test(code)) return parseGs1(code, gs1Options);
  if (!/^\d+$/.test(code)) return { kind: 'unknown', raw };

  const n = code.length;
  if ((config.pluLengths ?? [4, 5]).includes(n))
    return { kind: 'plu', plu: code, organic: n === 5 && code[0] === '9' };
  if (n === 8) return parseEight(code, config);
  if (n === 12) return parseEan13Like(`0${code}`, 'upca', code, config);
  if (n === 13) return parseEan13Like(code, 'ean13', code, config);
  if (n === 14) return gtinScan(validateGtin(code), 'gtin14');
  // A GS1-128 read through a scanner that drops the symbology id and FNC1 still starts with (01).
  if (n > 14 && code.startsWith('01')) return parseGs1(code, gs1Options);
  throw new BarcodeError('length', `No supported barcode has ${n} digits: ${code}`);
}

const validatedRules = new WeakSet<VariableMeasureRule>();

export type SafeScanResult = { ok: true; scan: ScanResult } | { ok: false; error: BarcodeError };

/** `parseScan` without exceptions, for UI code that wants to show the error kind. */
export function safeParseScan(raw: string, config?: StoreBarcodeConfig): SafeScanResult {
  try {
    return { ok: true, scan: parseScan(raw, config) };
  } catch (error) {
    if (error instanceof BarcodeError) return { ok: false, error };
    throw error;
  }
}
