import type { StoreRow } from '../stores/stores.repository.js';
import type { ReceiptDocument, ReceiptLine } from './receipt-document.js';
import { commonParts, rateLetters, vatRows, type EffectiveTemplate } from './receipt-parts.js';

/**
 * A representative German bakery sale for template previews and benchmarks: 7 % and 19 % lines, a
 * modifier, a line discount, a bottle deposit, cash with change. VAT per rate is computed the way
 * the pricing engine does (tax = gross − round(gross / (1 + rate))).
 */
export function sampleSaleReceipt(store: StoreRow, template: EffectiveTemplate, at: string, url: string | null): ReceiptDocument {
  const de = template.language === 'de';
  const raw = [
    { name: de ? 'Roggenbrot 750 g' : 'Rye bread 750 g', qtyMilli: 1000, unitPrice: 395, discount: 0, rateBp: 700, modifiers: [] as string[], deposit: false },
    { name: de ? 'Laugenbrezel' : 'Pretzel', qtyMilli: 3000, unitPrice: 95, discount: 0, rateBp: 700, modifiers: [], deposit: false },
    { name: 'Cappuccino', qtyMilli: 1000, unitPrice: 380, discount: 0, rateBp: 1900, modifiers: [de ? 'Hafermilch' : 'Oat milk'], deposit: false },
    { name: de ? 'Apfelschorle 0,5 l' : 'Apple spritzer 0.5 l', qtyMilli: 2000, unitPrice: 189, discount: 38, rateBp: 1900, modifiers: [], deposit: false },
    { name: de ? 'Pfand Einweg 0,25 €' : 'Deposit 0.25 €', qtyMilli: 2000, unitPrice: 25, discount: 0, rateBp: 1900, modifiers: [], deposit: true },
  ];
  const letters = rateLetters(raw.map((l) => l.rateBp));
  const lines: ReceiptLine[] = raw.map((l) => {
    const base = (l.unitPrice * l.qtyMilli) / 1000;
    return { ...l, baseAmount: base, total: base - l.discount, rateLetter: letters.get(l.rateBp)! };
  });
  const byRate = new Map<number, number>();
  for (const l of lines) byRate.set(l.rateBp, (byRate.get(l.rateBp) ?? 0) + l.total);
  const vat = [...byRate].map(([rateBp, gross]) => {
    const net = Math.round((gross * 10_000) / (10_000 + rateBp));
    return { rateBp, gross, net, tax: gross - net };
  });
  const total = lines.reduce((s, l) => s + l.total, 0);
  const discountTotal = lines.reduce((s, l) => s + l.discount, 0);
  const tendered = Math.ceil(total / 1000) * 1000 + 1000;
  return {
    kind: 'sale',
    sourceId: '00000000-0000-7000-8000-000000000000',
    copy: false,
    training: false,
    ...commonParts(store, template, at),
    register: { id: '00000000-0000-7000-8000-000000000001', name: de ? 'Kasse 1' : 'Register 1' },
    cashier: 'Anna',
    number: 'K1-000123',
    originalNumber: null,
    lines,
    vat: vatRows(vat, letters),
    totals: { subtotal: total + discountTotal, discountTotal, taxTotal: vat.reduce((s, v) => s + v.tax, 0), total, rounding: 0, payable: total },
    tenders: [{ tender: 'cash', customName: null, amount: total, tendered, change: tendered - total, tip: 0, card: null, voucherCode: null }],
    change: tendered - total,
    report: null,
    cashSlip: null,
    digitalReceiptUrl: url,
  };
}
