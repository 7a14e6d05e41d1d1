import { uuidv7 } from '@opentill/core';
import type { Cart, CartLine } from '../data/cart';
import type { PercentOrAmount } from '../data/sale-request';

/** The cart as a pure reducer: every cashier action is one action, unit-testable without a DOM. */

export type CartAction =
  | {
      type: 'add';
      productId: string;
      variantId: string | null;
      qty: number;
      /** Weighed/priced labels stay separate lines. */ separate?: boolean;
      lineId?: string;
    }
  | { type: 'qty'; lineId: string; qty: number }
  | { type: 'step'; lineId: string; delta: 1 | -1 }
  | { type: 'remove'; lineId: string }
  | { type: 'lineDiscount'; lineId: string; discount: PercentOrAmount | undefined }
  | { type: 'override'; lineId: string; price: number | undefined }
  | { type: 'note'; lineId: string; note: string }
  | { type: 'modifiers'; lineId: string; optionIds: string[] }
  | { type: 'cartDiscount'; discount: PercentOrAmount | undefined }
  | { type: 'replace'; cart: Cart }
  | { type: 'clear' };

export const newCart = (): Cart => ({ id: uuidv7(), lines: [] });

const update = (cart: Cart, lineId: string, fn: (l: CartLine) => CartLine | null): Cart => ({
  ...cart,
  lines: cart.lines.flatMap((l) => {
    if (l.id !== lineId) return [l];
    const next = fn(l);
    return next ? [next] : [];
  }),
});

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      // Scanning the same piece article again counts up the last line (what cashiers expect).
      const last = cart.lines.at(-1);
      if (
        !action.separate &&
        last &&
        last.productId === action.productId &&
        last.variantId === action.variantId &&
        last.modifierOptionIds.length === 0 &&
        last.priceOverride === undefined &&
        last.discount === undefined &&
        last.qty % 1000 === 0 &&
        action.qty % 1000 === 0
      ) {
        return update(cart, last.id, (l) => ({ ...l, qty: l.qty + action.qty }));
      }
      return {
        ...cart,
        lines: [
          ...cart.lines,
          {
            id: action.lineId ?? uuidv7(),
            productId: action.productId,
            variantId: action.variantId,
            qty: action.qty,
            modifierOptionIds: [],
          },
        ],
      };
    }
    case 'qty':
      return action.qty > 0
        ? update(cart, action.lineId, (l) => ({ ...l, qty: action.qty }))
        : update(cart, action.lineId, () => null);
    case 'step':
      return update(cart, action.lineId, (l) => {
        const qty = l.qty + action.delta * 1000;
        return qty > 0 ? { ...l, qty } : null;
      });
    case 'remove':
      return update(cart, action.lineId, () => null);
    case 'lineDiscount':
      return update(cart, action.lineId, (l) => ({ ...l, discount: action.discount }));
    case 'override':
      return update(cart, action.lineId, (l) => ({ ...l, priceOverride: action.price }));
    case 'note':
      return update(cart, action.lineId, (l) => ({ ...l, note: action.note || undefined }));
    case 'modifiers':
      return update(cart, action.lineId, (l) => ({ ...l, modifierOptionIds: action.optionIds }));
    case 'cartDiscount':
      return { ...cart, cartDiscount: action.discount };
    case 'replace':
      return action.cart;
    case 'clear':
      return newCart();
  }
}

/**
 * The line an action takes out of the cart (remove, quantity to zero, − on the last piece), or null:
 * such removals are audited.
 */
export function removedLine(cart: Cart, action: CartAction): CartLine | null {
  if (action.type !== 'remove' && action.type !== 'qty' && action.type !== 'step') return null;
  const line = cart.lines.find((l) => l.id === action.lineId);
  if (!line) return null;
  if (action.type === 'remove') return line;
  if (action.type === 'qty') return action.qty > 0 ? null : line;
  return line.qty + action.delta * 1000 > 0 ? null : line;
}

/** Banknotes above an amount the customer is likely to hand over (EUR), for the quick-cash buttons. */
export function quickCashAmounts(
  due: number,
  denominations: readonly number[] = [500, 1000, 2000, 5000, 10_000, 20_000],
): number[] {
  if (due <= 0) return [];
  const out = new Set<number>([due]);
  // Round up to the next 1 € and the next banknotes.
  const nextEuro = Math.ceil(due / 100) * 100;
  if (nextEuro > due) out.add(nextEuro);
  for (const d of denominations) {
    const n = Math.ceil(due / d) * d;
    if (n > due) out.add(n);
    if (out.size >= 6) break;
  }
  return [...out].sort((a, b) => a - b).slice(0, 6);
}
