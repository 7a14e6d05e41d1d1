import { PNG } from 'pngjs';
import type { StoreRow } from '../stores/stores.repository.js';
import type { ReceiptDocument } from './receipt-document.js';
import { commonParts, rateLetters, vatRows, type EffectiveTemplate } from './receipt-parts.js';

/** Receipt documents for the renderer tests (test-only): built like the builders build them. */

export const TEST_STORE = {
  id: '0190a000-0000-7000-8000-000000000001',
  org_id: '0190a000-0000-7000-8000-000000000002',
  name: 'Bäckerei Körner',
  address_line1: 'Oranienstraße 25',
  address_line2: '',
  postal_code: '10999',
  city: 'Berlin',
  country: 'DE',
  vat_id: 'DE123456789',
  tax_number: '29/123/45678',
  currency: 'EUR',
  time_zone: 'Europe/Berlin',
  locale: 'de-DE',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  negative_stock_policy: 'allow',
} as unknown as StoreRow;

export const template = (over: Partial<EffectiveTemplate> = {}): EffectiveTemplate => ({
  header: 'Mo-Sa 7-18 Uhr',
  footer: 'Vielen Dank für Ihren Einkauf!',
  logoPng: null,
  language: 'de',
  saved: true,
  ...over,
});

/** A 40×16 PNG: black bar on transparent background. */
export function testLogo(): string {
  const png = new PNG({ width: 40, height: 16 });
  for (let y = 0; y < 16; y++) for (let x = 0; x < 40; x++) png.data.set(y > 4 && y < 12 ? [0, 0, 0, 255] : [0, 0, 0, 0], (y * 40 + x) * 4);
  return PNG.sync.write(png).toString('base64');
}

export const URL = 'https://till.example/r/AbCdEfGhIjKlMnOpQrStUvWxYz0';

interface LineSpec {
  name: string;
  qty: number;
  unit: number;
  discount?: number;
  rateBp: number;
  deposit?: boolean;
  modifiers?: string[];
}

function vatOf(lines: { total: number; rateBp: number }[]) {
  const by = new Map<number, number>();
  for (const l of lines) by.set(l.rateBp, (by.get(l.rateBp) ?? 0) + l.total);
  return [...by].map(([rateBp, gross]) => {
    const net = Math.round((gross * 10_000) / (10_000 + rateBp));
    return { rateBp, gross, net, tax: gross - net };
  });
}

export function saleDoc(
  specs: LineSpec[],
  tenders: ReceiptDocument['tenders'],
  over: Partial<ReceiptDocument> & { tpl?: Partial<EffectiveTemplate> } = {},
): ReceiptDocument {
  const { tpl, ...rest } = over;
  const letters = rateLetters(specs.map((s) => s.rateBp));
  const lines = specs.map((s) => {
    const base = Math.round((s.unit * s.qty) / 1000);
    const discount = s.discount ?? 0;
    return { name: s.name, qtyMilli: s.qty, unitPrice: s.unit, baseAmount: base, discount, total: base - discount, rateBp: s.rateBp, rateLetter: letters.get(s.rateBp)!, modifiers: s.modifiers ?? [], deposit: s.deposit ?? false };
  });
  const vat = vatOf(lines);
  const total = lines.reduce((s, l) => s + l.total, 0);
  const discountTotal = lines.reduce((s, l) => s + l.discount, 0);
  return {
    kind: 'sale',
    sourceId: '0190a000-0000-7000-8000-0000000000aa',
    copy: false,
    training: false,
    ...commonParts(TEST_STORE, template(tpl), '2026-11-27T13:05:09.000Z'),
    register: { id: '0190a000-0000-7000-8000-0000000000bb', name: 'Kasse 1' },
    cashier: 'Chris',
    number: 'K1-000042',
    originalNumber: null,
    lines,
    vat: vatRows(vat, letters),
    totals: { subtotal: total + discountTotal, discountTotal, taxTotal: vat.reduce((s, v) => s + v.tax, 0), total, rounding: 0, payable: total },
    tenders,
    change: tenders.reduce((s, t) => s + t.change, 0),
    report: null,
    cashSlip: null,
    digitalReceiptUrl: URL,
    ...rest,
  };
}

export const cash = (amount: number, tendered: number): ReceiptDocument['tenders'][number] => ({
  tender: 'cash',
  customName: null,
  amount,
  tendered,
  change: tendered - amount,
  tip: 0,
  card: null,
  voucherCode: null,
});

export const card = (amount: number): ReceiptDocument['tenders'][number] => ({
  tender: 'card',
  customName: null,
  amount,
  tendered: null,
  change: 0,
  tip: 0,
  card: { brand: 'girocard', last4: '4711', authCode: 'A12345', terminalRef: 'T-0815', terminalTxId: '000123' },
  voucherCode: null,
});

/**
 * The German receipt of the tests: bread 7 %, a coffee with a modifier 19 %, two discounted drinks
 * 19 % with their deposit 19 %. Total 4,50 + 3,80 + (2 × 2,60 − 0,52) + 2 × 0,25 = 13,48 €.
 */
export const germanLines: LineSpec[] = [
  { name: 'Roggenbrot 1 kg', qty: 1000, unit: 450, rateBp: 700 },
  { name: 'Cappuccino', qty: 1000, unit: 380, rateBp: 1900, modifiers: ['Hafermilch'] },
  { name: 'Apfelschorle 0,5 l', qty: 2000, unit: 260, discount: 52, rateBp: 1900 },
  { name: 'Pfand Einweg 0,25 €', qty: 2000, unit: 25, rateBp: 1900, deposit: true },
];

export function zReportDoc(language: 'de' | 'en' = 'de'): ReceiptDocument {
  const letters = rateLetters([1900, 700]);
  return {
    ...saleDoc([], [], { tpl: { language } }),
    kind: 'z_report',
    number: '3',
    digitalReceiptUrl: null,
    totals: null,
    lines: [],
    vat: vatRows(
      [
        { rateBp: 1900, gross: 11_900, net: 10_000, tax: 1900 },
        { rateBp: 700, gross: 10_700, net: 10_000, tax: 700 },
      ],
      letters,
    ),
    report: {
      zNumber: 3,
      openedAt: '2026-11-27T06:00:00.000Z',
      openedBy: 'Chris',
      closedAt: '2026-11-27T17:00:00.000Z',
      closedBy: 'Maria',
      sales: { count: 12, amount: 24_000 },
      refunds: { count: 1, amount: -1400 },
      voids: { count: 1, amount: 350 },
      discounts: { count: 2, amount: 120 },
      tenders: [
        { tender: 'card', count: 4, amount: 9000 },
        { tender: 'cash', count: 9, amount: 13_600 },
      ],
      cash: { openingFloat: 15_000, cashTenders: 13_600, change: 2100, payIn: 5000, payOut: 1200, bankDeposit: 20_000, tipOut: 300 },
      expectedCash: 10_000,
      countedCash: 9_950,
      overShort: -50,
    },
  };
}
