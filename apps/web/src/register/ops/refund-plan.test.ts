import { describe, expect, it } from 'vitest';
import type { Sale, SaleLine } from '../../lib/api/register-ops-endpoints';
import { checkPick, displayQty, isReceiptNo, originalTenders, parseReceiptScan, refundableLines, refundAmount, refundTotal, stepPick } from './refund-plan';

const line = (id: string, qty: number, total: number, refundedQty = 0): SaleLine => ({
  id,
  productId: 'p',
  variantId: null,
  name: id,
  qty,
  unitPrice: 0,
  total,
  originalLineId: null,
  refundedQty,
});

const sale = (lines: SaleLine[], over: Partial<Sale> = {}): Sale => ({
  id: 's1',
  storeId: 'st',
  registerId: 'r',
  kind: 'sale',
  status: 'completed',
  originalSaleId: null,
  registerSeq: 1,
  receiptNo: 'K1-000001',
  currency: 'EUR',
  total: lines.reduce((s, l) => s + l.total, 0),
  completedAt: null,
  lines,
  payments: [{ id: 'p', tender: 'cash', customName: null, amount: 1, status: 'approved', card: null }],
  ...over,
});

describe('refund plan', () => {
  it('refunds thirds of a line that add up to the line exactly', () => {
    const l = line('a', 3000, 1000); // 3 pieces for 10.00 € (after a discount)
    const first = refundAmount(l, 1000);
    const second = refundAmount({ ...l, refundedQty: 1000 }, 1000);
    const third = refundAmount({ ...l, refundedQty: 2000 }, 1000);
    expect([first, second, third]).toEqual([333, 334, 333]);
    expect(first + second + third).toBe(1000);
  });

  it('offers only what is left to refund', () => {
    const s = sale([line('a', 2000, 400, 2000), line('b', 3000, 900, 1000), line('dep', -1000, -25)]);
    expect(refundableLines(s).map((l) => l.id)).toEqual(['b']);
    expect(checkPick(s, { b: 2000 })).toEqual([]);
    expect(checkPick(s, { b: 3000, a: 1000 })).toEqual([
      { lineId: 'b', kind: 'too_many', max: 2000 },
      { lineId: 'a', kind: 'too_many', max: 0 },
    ]);
    expect(refundTotal(s, { b: 2000 })).toBe(600);
  });

  it('has nothing refundable on a refund or an open sale', () => {
    expect(refundableLines(sale([line('a', 1000, 100)], { kind: 'refund' }))).toEqual([]);
    expect(refundableLines(sale([line('a', 1000, 100)], { status: 'open' }))).toEqual([]);
  });

  it('steps by whole units and returns weighed lines whole', () => {
    const pieces = line('a', 3000, 900, 1000);
    expect(stepPick(pieces, 0, 1)).toBe(1000);
    expect(stepPick(pieces, 2000, 1)).toBe(2000);
    expect(stepPick(pieces, 0, -1)).toBe(0);
    const weighed = line('w', 347, 520);
    expect(stepPick(weighed, 0, 1)).toBe(347);
  });

  it('knows how the original was paid', () => {
    const s = sale([line('a', 1000, 100)], {
      payments: [
        { id: '1', tender: 'card', customName: null, amount: 100, status: 'approved', card: { brand: 'girocard', last4: '4242' } },
        { id: '2', tender: 'cash', customName: null, amount: 50, status: 'declined', card: null },
      ],
    });
    expect(originalTenders(s)).toEqual({ cash: false, card: true, other: false });
  });
});

describe('receipt lookup input', () => {
  it('reads typed numbers, scanner text and the QR link of a printed receipt', () => {
    expect(parseReceiptScan('  K1-000042 ')).toEqual({ kind: 'number', receiptNo: 'K1-000042' });
    expect(parseReceiptScan('https://shop.example/r/AbCdEfGhIjKlMnOpQrStUvWxYz0')).toEqual({ kind: 'link', token: 'AbCdEfGhIjKlMnOpQrStUvWxYz0' });
    expect(parseReceiptScan('https://shop.example/receipts?receipt=K1-000042')).toEqual({ kind: 'number', receiptNo: 'K1-000042' });
    expect(parseReceiptScan('K1 000042')).toEqual({ kind: 'invalid' });
    expect(parseReceiptScan('')).toEqual({ kind: 'invalid' });
    expect(isReceiptNo('K1-000042')).toBe(true);
    expect(isReceiptNo('K1 000042')).toBe(false);
    expect(isReceiptNo('')).toBe(false);
  });
});

describe('quantities for people', () => {
  it('shows pieces without decimals and weights in the UI language', () => {
    expect(displayQty(3000, 'en')).toBe('3');
    expect(displayQty(0, 'de')).toBe('0');
    expect(displayQty(347, 'de')).toBe('0,347');
    expect(displayQty(1500, 'en')).toBe('1.5');
    expect(displayQty(12_000_000, 'de')).toBe('12.000');
  });
});
