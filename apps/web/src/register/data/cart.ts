import type { PercentOrAmount } from './sale-request';

/** The cart being rung up. Quantities in milli-units, money in minor units. */
export interface CartLine {
  id: string;
  productId: string;
  variantId: string | null;
  qty: number;
  modifierOptionIds: string[];
  discount?: PercentOrAmount | undefined;
  priceOverride?: number | undefined;
  /** Kept on the register only (the sales API has no line notes). */
  note?: string | undefined;
}

export interface Cart {
  id: string;
  lines: CartLine[];
  cartDiscount?: PercentOrAmount | undefined;
  note?: string | undefined;
  /** A parked sale taken over from the server: completed as that sale (see sale-sender.ts). */
  resumed?: boolean | undefined;
}
