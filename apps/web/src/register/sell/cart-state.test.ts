import { describe, expect, it } from 'vitest';
import { cartReducer, newCart, quickCashAmounts, removedLine, type CartAction } from './cart-state';

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

describe('removedLine (audited removals)', () => {
  it('names the line a remove, a quantity of zero or − on the last piece takes out, and nothing else', () => {
    let cart = cartReducer(newCart(), { type: 'add', productId: 'p', variantId: null, qty: 2000, lineId: 'l1' });
    cart = cartReducer(cart, { type: 'add', productId: 'q', variantId: null, qty: 1000, lineId: 'l2', separate: true });
    expect(removedLine(cart, { type: 'remove', lineId: 'l1' })?.productId).toBe('p');
    expect(removedLine(cart, { type: 'qty', lineId: 'l1', qty: 0 })?.id).toBe('l1');
    expect(removedLine(cart, { type: 'qty', lineId: 'l1', qty: 1000 })).toBeNull();
    expect(removedLine(cart, { type: 'step', lineId: 'l1', delta: -1 })).toBeNull();
    expect(removedLine(cart, { type: 'step', lineId: 'l2', delta: -1 })?.id).toBe('l2');
    expect(removedLine(cart, { type: 'step', lineId: 'l2', delta: 1 })).toBeNull();
    expect(removedLine(cart, { type: 'remove', lineId: 'missing' })).toBeNull();
    expect(removedLine(cart, { type: 'clear' })).toBeNull();
  });
});
