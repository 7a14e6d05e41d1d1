import { currencyExponent, formatDecimal } from '@opentill/core';
import type { ReceiptDocument, ReceiptKind, ReceiptLanguage, ReceiptTender } from './receipt-document.js';

/** Receipt wording per language. Kept here (not in the web app) because the server prints and mails. */
const LABELS = {
  de: {
    title: { sale: 'Beleg', refund: 'Rückgabe', exchange: 'Umtausch', x_report: 'X-Bericht', z_report: 'Z-Bericht', cash_in: 'Einlage', cash_out: 'Entnahme' },
    receiptNo: 'Beleg-Nr.',
    original: 'Zu Beleg',
    register: 'Kasse',
    cashier: 'Bediener',
    date: 'Datum',
    time: 'Uhrzeit',
    subtotal: 'Zwischensumme',
    discount: 'Rabatt',
    total: 'Summe',
    rounding: 'Rundung',
    deposit: 'Pfand',
    vat: 'MwSt',
    net: 'Netto',
    tax: 'Steuer',
    gross: 'Brutto',
    given: 'Gegeben',
    change: 'Rückgeld',
    tip: 'Trinkgeld',
    tender: { cash: 'Bar', card: 'Karte', voucher: 'Gutschein', custom: 'Sonstige' } as Record<string, string>,
    card: 'Kartenzahlung',
    authCode: 'Autorisierung',
    terminalRef: 'Terminal-Beleg',
    terminalTx: 'Trace-Nr.',
    copy: 'KOPIE',
    training: 'TRAINING – KEIN VERKAUF',
    vatId: 'USt-IdNr.',
    taxNumber: 'St.-Nr.',
    digital: 'Digitaler Beleg',
    pdf: 'Beleg als PDF herunterladen',
    zNumber: 'Z-Nr.',
    opened: 'Geöffnet',
    closed: 'Geschlossen',
    sales: 'Umsatz',
    refunds: 'Rückgaben',
    voids: 'Stornos',
    discounts: 'Rabatte',
    tenders: 'Zahlarten',
    openingFloat: 'Anfangsbestand',
    cashTenders: 'Bareinnahmen',
    payIn: 'Einlagen',
    payOut: 'Entnahmen',
    bankDeposit: 'Bankeinzahlung',
    tipOut: 'Trinkgeldauszahlung',
    expectedCash: 'Soll-Bestand',
    countedCash: 'Ist-Bestand',
    overShort: 'Differenz',
    movement: { pay_in: 'Einlage', pay_out: 'Entnahme', bank_deposit: 'Bankeinzahlung', tip_out: 'Trinkgeldauszahlung' },
    reason: 'Grund',
    amount: 'Betrag',
    signature: 'Unterschrift',
    tse: { serial: 'TSE-Seriennr.', tx: 'TSE-Transaktion', counter: 'Signaturzähler', start: 'Start', end: 'Ende', signature: 'Signatur', failure: 'TSE ausgefallen' },
  },
  en: {
    title: { sale: 'Receipt', refund: 'Refund', exchange: 'Exchange', x_report: 'X report', z_report: 'Z report', cash_in: 'Cash in', cash_out: 'Cash out' },
    receiptNo: 'Receipt no.',
    original: 'For receipt',
    register: 'Register',
    cashier: 'Cashier',
    date: 'Date',
    time: 'Time',
    subtotal: 'Subtotal',
    discount: 'Discount',
    total: 'Total',
    rounding: 'Rounding',
    deposit: 'Deposit',
    vat: 'VAT',
    net: 'Net',
    tax: 'Tax',
    gross: 'Gross',
    given: 'Tendered',
    change: 'Change',
    tip: 'Tip',
    tender: { cash: 'Cash', card: 'Card', voucher: 'Voucher', custom: 'Other' } as Record<string, string>,
    card: 'Card payment',
    authCode: 'Auth code',
    terminalRef: 'Terminal receipt',
    terminalTx: 'Trace no.',
    copy: 'COPY',
    training: 'TRAINING – NOT A SALE',
    vatId: 'VAT ID',
    taxNumber: 'Tax no.',
    digital: 'Digital receipt',
    pdf: 'Download receipt as PDF',
    zNumber: 'Z no.',
    opened: 'Opened',
    closed: 'Closed',
    sales: 'Sales',
    refunds: 'Refunds',
    voids: 'Voids',
    discounts: 'Discounts',
    tenders: 'Tenders',
    openingFloat: 'Opening float',
    cashTenders: 'Cash taken',
    payIn: 'Pay-ins',
    payOut: 'Pay-outs',
    bankDeposit: 'Bank deposit',
    tipOut: 'Tips paid out',
    expectedCash: 'Expected cash',
    countedCash: 'Counted cash',
    overShort: 'Over/short',
    movement: { pay_in: 'Pay-in', pay_out: 'Pay-out', bank_deposit: 'Bank deposit', tip_out: 'Tip payout' },
    reason: 'Reason',
    amount: 'Amount',
    signature: 'Signature',
    tse: { serial: 'TSE serial', tx: 'TSE transaction', counter: 'Signature counter', start: 'Start', end: 'End', signature: 'Signature', failure: 'TSE unavailable' },
  },
} as const;

export type ReceiptLabels = (typeof LABELS)['de'];

export function labelsFor(language: ReceiptLanguage): ReceiptLabels {
  return LABELS[language] as ReceiptLabels;
}

export function titleOf(doc: Pick<ReceiptDocument, 'kind' | 'language'>): string {
  return labelsFor(doc.language).title[doc.kind satisfies ReceiptKind];
}

export function tenderLabel(t: Pick<ReceiptTender, 'tender' | 'customName'>, language: ReceiptLanguage): string {
  if (t.tender === 'custom' && t.customName) return t.customName;
  return labelsFor(language).tender[t.tender] ?? t.tender;
}

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };

export function currencySymbol(currency: string): string {
  return SYMBOLS[currency] ?? currency;
}

/** 1234 → "12,34" (de) / "12.34" (en); no thousands separators, as on till receipts. */
export function money(amount: number, currency: string, language: ReceiptLanguage): string {
  return formatDecimal(amount, currencyExponent(currency), language === 'de' ? ',' : '.');
}

/** 1234 → "12,34 €" (de) / "€12.34" (en). */
export function moneyWithSymbol(amount: number, currency: string, language: ReceiptLanguage): string {
  const sym = currencySymbol(currency);
  const n = money(amount, currency, language);
  if (language === 'de' || sym.length > 1) return `${n} ${sym}`;
  return amount < 0 ? `-${sym}${n.slice(1)}` : `${sym}${n}`;
}

/** 1900 → "19 %" (de) / "19%" (en); 550 → "5,5 %". */
export function rate(rateBp: number, language: ReceiptLanguage): string {
  const text = (rateBp / 100).toString().replace('.', language === 'de' ? ',' : '.');
  return language === 'de' ? `${text} %` : `${text}%`;
}

/** 2000 → "2", 1500 → "1,5", 250 → "0,25" (quantities in milli-units). */
export function quantity(qtyMilli: number, language: ReceiptLanguage): string {
  const text = (qtyMilli / 1000).toString();
  return language === 'de' ? text.replace('.', ',') : text;
}
