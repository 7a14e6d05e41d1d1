import { BarcodeError } from './barcode-error.js';
import { validateGtin } from './check-digit.js';

/** Group Separator, how scanners transmit FNC1 in the middle of a GS1 symbol. */
export const GS = '\u001d';

/**
 * Symbology identifiers (ISO/IEC 15424) that announce GS1 data: `]C1` GS1-128, `]d2` GS1
 * DataMatrix, `]Q3` GS1 QR Code, `]e0` GS1 DataBar, `]J1` GS1 DotCode.
 */
export const GS1_SYMBOLOGY_IDS = [']C1', ']d2', ']Q3', ']e0', ']J1'];

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

/**
 * AI length and predefined data length by the first two digits (GS1 General Specifications
 * § 3.2 and the "predefined length" table, Figure 7.8.5-2). Only element strings with a
 * predefined length may omit the GS separator; all others are terminated by GS or the end.
 */
function aiLength(first2: string): number | undefined {
  const n = Number(first2);
  if (n <= 4 || (n >= 10 && n <= 22) || n === 30 || n === 37 || n >= 90) return 2;
  if ((n >= 23 && n <= 25) || (n >= 40 && n <= 43)) return 3;
  if ((n >= 31 && n <= 36) || n === 39 || (n >= 70 && n <= 72) || (n >= 80 && n <= 82)) return 4;
  return undefined;
}

// prettier-ignore
const PREDEFINED: Readonly<Record<string, number>> = {
  '00': 18, '01': 14, '02': 14, '03': 14, '04': 16, '11': 6, '12': 6, '13': 6, '14': 6, '15': 6,
  '16': 6, '17': 6, '18': 6, '19': 6, '20': 2, '31': 6, '32': 6, '33': 6, '34': 6, '35': 6, '36': 6, '41': 13,
};

/** Maximum lengths of common variable-length AIs; others fall back to the 90-character GS1 limit. */
function maxLength(ai: string): number {
  if (ai === '10' || ai === '21' || ai === '22') return 20;
  if (ai === '30' || ai === '37') return 8;
  if (/^39[02]\d$/.test(ai)) return 15;
  if (/^39[13]\d$/.test(ai)) return 18;
  if (/^9[1-9]$/.test(ai)) return 90;
  return ai.startsWith('24') || ai.startsWith('40') || ai === '90' ? 30 : 90;
}

/**
 * Splits a GS1 element string (after the symbology id / leading FNC1) into AI/value pairs.
 * `separators` are the characters accepted as GS (scanners can be set to send a substitute).
 */
export function parseElementString(data: string, separators: readonly string[] = [GS]): Gs1Element[] {
  let s = data;
  for (const sep of separators) if (sep !== GS) s = s.split(sep).join(GS);
  if (s.startsWith('(')) return parseHumanReadable(s);
  const out: Gs1Element[] = [];
  let i = 0;
  while (s[i] === GS) i++;
  while (i < s.length) {
    const first2 = s.slice(i, i + 2);
    const len = /^\d\d$/.test(first2) ? aiLength(first2) : undefined;
    if (len === undefined)
      throw new BarcodeError('format', `Unknown GS1 application identifier at ${JSON.stringify(s.slice(i))}`);
    const ai = s.slice(i, i + len);
    if (!/^\d+$/.test(ai) || ai.length < len)
      throw new BarcodeError('format', `Truncated application identifier ${ai}`);
    i += len;
    const fixed = PREDEFINED[first2];
    let value: string;
    if (fixed !== undefined) {
      value = s.slice(i, i + fixed);
      if (value.length !== fixed || value.includes(GS)) {
        throw new BarcodeError(
          'length',
          `AI (${ai}) needs ${fixed} characters, got ${JSON.stringify(value)}`,
        );
      }
      i += fixed;
    } else {
      const end = s.indexOf(GS, i);
      value = s.slice(i, end === -1 ? s.length : end);
      i += value.length;
      if (value.length === 0 || value.length > maxLength(ai)) {
        throw new BarcodeError(
          'length',
          `AI (${ai}) value must have 1–${maxLength(ai)} characters, got ${value.length}`,
        );
      }
    }
    out.push({ ai, value });
    while (s[i] === GS) i++;
  }
  return out;
}

/** "(01)09501101530003(17)251231" — the human-readable interpretation some apps paste in. */
function parseHumanReadable(s: string): Gs1Element[] {
  const re = new RegExp(`\\((\\d{2,4})\\)([^(${GS}]*)${GS}?`, 'gy');
  const out: Gs1Element[] = [];
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(s)) !== null) {
    out.push({ ai: m[1]!, value: m[2]! });
    consumed = re.lastIndex;
  }
  if (consumed !== s.length || out.length === 0)
    throw new BarcodeError('format', `Malformed GS1 element string ${JSON.stringify(s)}`);
  return out;
}

export interface Gs1Scan {
  readonly kind: 'gs1';
  /** GTIN-14 from AI (01), check digit validated. */
  readonly gtin?: string;
  readonly batch?: string;
  /** AI (17) as an ISO date `YYYY-MM-DD`; day 00 means the last day of the month. */
  readonly expiry?: string;
  readonly serial?: string;
  /** AI (310n), net weight in grams (milli-kg). */
  readonly weightMilli?: number;
  /** AI (392n), amount payable in minor units of the store currency. */
  readonly priceMinor?: number;
  readonly elements: readonly Gs1Element[];
}

/**
 * YYMMDD → ISO date. Century per GS1 General Specifications § 7.12: with a reference year, a
 * year 51–99 ahead is in the previous century and 50+ behind in the next; without, 20YY.
 */
export function gs1Date(value: string, referenceYear?: number): string {
  if (!/^\d{6}$/.test(value))
    throw new BarcodeError('format', `GS1 date must be YYMMDD, got ${JSON.stringify(value)}`);
  const yy = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  let dd = Number(value.slice(4, 6));
  let year = 2000 + yy;
  if (referenceYear !== undefined) {
    const century = referenceYear - (referenceYear % 100);
    const diff = yy - (referenceYear % 100);
    year = century + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
  if (monthDays === undefined || dd > monthDays)
    throw new BarcodeError('format', `Invalid GS1 date ${value}`);
  if (dd === 0) dd = monthDays;
  return `${String(year).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Integer with `decimals` decimals → `target` decimals, half-up when precision is dropped. */
function scaleDigits(digits: string, decimals: number, target: number): number {
  const value = Number(digits);
  if (decimals <= target) return value * 10 ** (target - decimals);
  const div = 10 ** (decimals - target);
  const rest = value % div;
  return (value - rest) / div + (rest * 2 >= div ? 1 : 0);
}

export interface Gs1Options {
  readonly currencyExponent: number;
  readonly referenceYear?: number;
  readonly separators?: readonly string[];
}

/** Parses and interprets the AIs a till needs: 01, 10, 17, 21, 310n, 392n (others kept raw). */
export function parseGs1(data: string, options: Gs1Options): Gs1Scan {
  const elements = parseElementString(data, options.separators);
  const out: { -readonly [K in keyof Gs1Scan]: Gs1Scan[K] } = { kind: 'gs1', elements };
  for (const { ai, value } of elements) {
    if (ai === '01') out.gtin = validateGtin(value);
    else if (ai === '10') out.batch = value;
    else if (ai === '17') out.expiry = gs1Date(value, options.referenceYear);
    else if (ai === '21') out.serial = value;
    else if (/^310\d$/.test(ai) || /^392\d$/.test(ai)) {
      if (!/^\d+$/.test(value)) throw new BarcodeError('format', `AI (${ai}) must be numeric`);
      const n = Number(ai[3]);
      if (ai.startsWith('310')) {
        if (n > 6) throw new BarcodeError('format', `AI (${ai}) allows 0–6 decimals`);
        out.weightMilli = scaleDigits(value, n, 3);
      } else out.priceMinor = scaleDigits(value, n, options.currencyExponent);
    }
  }
  return out;
}
