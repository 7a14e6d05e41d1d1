import { describe, expect, it } from 'vitest';
import { cartReducer, newCart, quickCashAmounts, type CartAction } from './cart-state';

const run = (actions: CartAction[]) => actions.reduce(cartReducer, newCart());

describe('cart', () => {
  it('counts up the last line on a repeated scan, but keeps weighed items and discounted lines apart', () => {
    const c = run([
      { type: 'add', productId: 'p', variantId: null, qty: 1000 },
      { type: 'add', productId: 'p', variantId: null, qty: 1000 },
    ]);
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]!.qty).toBe(2000);
    const weighed = run([
      { type: 'add', productId: 'k', variantId: null, qty: 312, separate: true },
      { type: 'add', productId: 'k', variantId: null, qty: 312, separate: true },
    ]);
    expect(weighed.lines).toHaveLength(2);
    const id = c.lines[0]!.id;
    const discounted = [
      { type: 'lineDiscount', lineId: id, discount: { percentBp: 1000 } },
      { type: 'add', productId: 'p', variantId: null, qty: 1000 },
    ] as CartAction[];
    expect(discounted.reduce(cartReducer, c).lines).toHaveLength(2);
  });

  it('steps quantities and drops a line that reaches zero', () => {
    const c = run([{ type: 'add', productId: 'p', variantId: null, qty: 1000 }]);
    const id = c.lines[0]!.id;
    expect(cartReducer(c, { type: 'step', lineId: id, delta: 1 }).lines[0]!.qty).toBe(2000);
    expect(cartReducer(c, { type: 'step', lineId: id, delta: -1 }).lines).toHaveLength(0);
    expect(cartReducer(c, { type: 'qty', lineId: id, qty: 0 }).lines).toHaveLength(0);
  });

  it('offers exact, next euro and next banknotes as quick cash', () => {
    expect(quickCashAmounts(2148)).toEqual([2148, 2200, 2500, 3000, 4000, 5000]);
    expect(quickCashAmounts(1234)).toEqual([1234, 1300, 1500, 2000, 5000, 10_000]);
    expect(quickCashAmounts(2000)).toEqual([2000, 5000, 10_000, 20_000]);
    expect(quickCashAmounts(0)).toEqual([]);
  });
});
