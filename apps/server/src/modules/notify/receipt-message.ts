import type { ReceiptDocument } from '../receipts/index.js';

/** Words around a mailed or texted receipt, in the receipt's language. */
const WORDS = {
  de: { subject: 'Ihr Beleg', from: 'von', file: 'Beleg', total: 'Summe', link: 'Beleg ansehen' },
  en: { subject: 'Your receipt', from: 'from', file: 'receipt', total: 'Total', link: 'View receipt' },
} as const;

const words = (doc: ReceiptDocument) => WORDS[doc.language === 'de' ? 'de' : 'en'];

export function formatMoney(doc: ReceiptDocument, minor: number): string {
  const locale = doc.language === 'de' ? 'de-DE' : 'en-GB';
  // Integer minor units to a decimal string without floating-point arithmetic on the amount.
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: doc.currency }).format(
    major as unknown as number,
  );
}

export function mailSubject(doc: ReceiptDocument): string {
  const w = words(doc);
  return `${w.subject}${doc.number ? ` ${doc.number}` : ''} ${w.from} ${doc.store.name}`;
}

export function pdfFileName(doc: ReceiptDocument): string {
  const safe = (doc.number ?? doc.sourceId).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${words(doc).file}-${safe}.pdf`;
}

/** Short enough for one or two SMS segments: store, number, total and the link to the full receipt. */
export function smsText(doc: ReceiptDocument): string {
  const w = words(doc);
  const parts = [`${doc.store.name}: ${w.subject}${doc.number ? ` ${doc.number}` : ''}`];
  if (doc.totals) parts.push(`${w.total} ${formatMoney(doc, doc.totals.payable)}`);
  if (doc.digitalReceiptUrl) parts.push(`${w.link}: ${doc.digitalReceiptUrl}`);
  return parts.join(' · ');
}
