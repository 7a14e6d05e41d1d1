import type { RequestContext } from '../../platform/context.js';
import type { StoreRow } from '../stores/stores.repository.js';
import type { ReceiptDocument, ReceiptLanguage, ReceiptStore, ReceiptVatRow } from './receipt-document.js';
import { findTemplate, type ReceiptTemplateRow } from './receipts.repository.js';

/** Pieces shared by every receipt builder: store block, template, local time, VAT letters. */

export interface EffectiveTemplate {
  header: string;
  footer: string;
  logoPng: string | null;
  language: ReceiptLanguage;
  /** False while the store still uses the defaults (never saved). */
  saved: boolean;
}

export const DEFAULT_FOOTER: Record<ReceiptLanguage, string> = {
  de: 'Vielen Dank für Ihren Einkauf!',
  en: 'Thank you for your purchase!',
};

export function defaultLanguage(store: Pick<StoreRow, 'locale' | 'country'>): ReceiptLanguage {
  return store.locale.toLowerCase().startsWith('de') || ['DE', 'AT', 'CH'].includes(store.country.toUpperCase()) ? 'de' : 'en';
}

export function effectiveTemplate(store: StoreRow, row: ReceiptTemplateRow | undefined): EffectiveTemplate {
  if (row) return { header: row.header, footer: row.footer, logoPng: row.logo_png, language: row.language, saved: true };
  const language = defaultLanguage(store);
  return { header: '', footer: DEFAULT_FOOTER[language], logoPng: null, language, saved: false };
}

export async function templateOf(ctx: RequestContext, store: StoreRow): Promise<EffectiveTemplate> {
  return effectiveTemplate(store, await findTemplate(ctx, store.id));
}

export function storePart(store: StoreRow): ReceiptStore {
  const cityLine = [store.postal_code, store.city].filter(Boolean).join(' ');
  return {
    name: store.name,
    addressLines: [store.address_line1, store.address_line2, cityLine].filter((l) => l.trim() !== ''),
    vatId: store.vat_id || null,
    taxNumber: store.tax_number || null,
  };
}

const splitLines = (text: string) => (text.trim() === '' ? [] : text.split(/\r?\n/).map((l) => l.trimEnd()));

const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** `iso` in the store's time zone: "27.11.2026" / "14:05:09" (de), "27/11/2026" / "14:05:09" (en). */
export function localDateTime(iso: string, timeZone: string, language: ReceiptLanguage): { localDate: string; localTime: string } {
  const key = `${timeZone}|${language}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = language === 'de' ? 'de-DE' : 'en-GB';
    f = {
      date: new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
    };
    formatters.set(key, f);
  }
  const d = new Date(iso);
  return { localDate: f.date.format(d), localTime: f.time.format(d) };
}

/**
 * Rate letters as German tills print them: A = 19 %, B = 7 %, then the other rates (10,7 %, 5,5 %,
 * 0 %) in the DSFinV-K slot order; any rate not in that list gets the next free letter, highest first.
 */
const FIXED_LETTERS: [number, string][] = [
  [1900, 'A'],
  [700, 'B'],
  [1070, 'C'],
  [550, 'D'],
  [0, 'E'],
];

export function rateLetters(rates: number[]): Map<number, string> {
  const out = new Map<number, string>(FIXED_LETTERS.filter(([bp]) => rates.includes(bp)));
  let next = 'F'.charCodeAt(0);
  for (const bp of [...new Set(rates)].sort((a, b) => b - a)) {
    if (!out.has(bp)) out.set(bp, String.fromCharCode(next++));
  }
  return out;
}

export function vatRows(vat: { rateBp: number; gross: number; net: number; tax: number }[], letters: Map<number, string>): ReceiptVatRow[] {
  return vat
    .map((v) => ({ letter: letters.get(v.rateBp) ?? '?', rateBp: v.rateBp, net: v.net, tax: v.tax, gross: v.gross }))
    .sort((a, b) => (a.letter < b.letter ? -1 : a.letter > b.letter ? 1 : 0));
}

/** Fields every receipt has, from the store, its template and the moment. */
export function commonParts(
  store: StoreRow,
  template: EffectiveTemplate,
  at: string,
): Pick<ReceiptDocument, 'language' | 'currency' | 'store' | 'header' | 'footer' | 'logoPng' | 'issuedAt' | 'localDate' | 'localTime' | 'timeZone'> {
  return {
    language: template.language,
    currency: store.currency,
    store: storePart(store),
    header: splitLines(template.header),
    footer: splitLines(template.footer),
    logoPng: template.logoPng,
    issuedAt: at,
    timeZone: store.time_zone,
    ...localDateTime(at, store.time_zone, template.language),
  };
}
