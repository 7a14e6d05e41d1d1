import { describe, expect, it } from 'vitest';
import type { ProductHit } from '../../lib/api/register-ops-endpoints';
import { exchangeable, exchangeBalance, exchangeBody } from './exchange-plan';

const product = (over: Partial<ProductHit> = {}): ProductHit => ({
  id: 'p1',
  sku: 'BROT',
  name: 'Brot',
  soldByWeight: false,
  status: 'active',
  variants: [],
  prices: [{ storeId: 's1', variantId: null, price: 450 }],
  ...over,
});

describe('exchange', () => {
  it('offers plain priced pieces only', () => {
    expect(exchangeable(product(), 's1')).toBe(true);
    expect(exchangeable(product(), 's2')).toBe(false);
    expect(exchangeable(product({ soldByWeight: true }), 's1')).toBe(false);
    expect(exchangeable(product({ variants: [{}] }), 's1')).toBe(false);
    expect(exchangeable(product({ status: 'archived' }), 's1')).toBe(false);
  });

  it('settles the difference in cash, either way, and nothing when even', () => {
    expect(exchangeBalance(450, 520)).toBe(70);
    expect(exchangeBalance(900, 520)).toBe(-380);
    const number = { registerSeq: 7, receiptNo: 'K1-000007' };
    const pays = exchangeBody({ id: 'x', number, returns: { l1: 1000, l2: 0 }, items: { p2: 1000 }, balance: 70 });
    expect(pays.returns).toEqual([expect.objectContaining({ originalLineId: 'l1', qty: 1000 })]);
    expect(pays.lines).toEqual([expect.objectContaining({ productId: 'p2', qty: 1000 })]);
    expect(pays.payments).toEqual([expect.objectContaining({ tender: 'cash', amount: 70 })]);
    expect(pays.totals).toEqual({ total: 70 });
    expect(exchangeBody({ id: 'x', number, returns: { l1: 1000 }, items: { p2: 1000 }, balance: 0 }).payments).toEqual([]);
    expect(exchangeBody({ id: 'x', number, returns: { l1: 1000 }, items: { p2: 1000 }, balance: -380 }).payments[0]!.amount).toBe(-380);
  });
});
