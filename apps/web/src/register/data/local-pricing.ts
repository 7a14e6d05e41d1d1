import {
  cashRoundingFor,
  PricingError,
  priceBasket,
  type BasketLineInput,
  type PricedBasket,
  type PricingInput,
  type Promotion,
  utcOffsetMinutes,
} from '@opentill/core';
import type { Cart } from './cart';
import { priceOf, type CatalogIndex } from './catalog-index';
import type { CachedPromotion, StoreSettings } from './catalog-types';

/**
 * Prices the cart on the register with the core engine, building exactly the PricingInput the
 * server builds in `catalog/quote.ts` (`buildPricingInput`): same deposits, category ancestry,
 * modifiers, promotions active at the moment, price mode, VAT rounding and cash rounding. The server
 * re-prices every sale and accepts it when the totals agree (see `sales/sale-pricing.ts`).
 */

function ancestorsOf(categoryId: string | null, index: CatalogIndex): string[] {
  const out: string[] = [];
  let id = categoryId;
  while (id && !out.includes(id)) {
    out.push(id);
    id = index.categories.get(id)?.parentId ?? null;
  }
  return out;
}

function toCorePromotion(p: CachedPromotion): Promotion {
  return {
    id: p.id,
    name: p.name,
    priority: p.priority,
    exclusive: p.exclusive,
    effect: p.effect,
    ...(p.target ? { target: p.target } : {}),
    ...(p.conditions ? { conditions: p.conditions } : {}),
  };
}

const activeAt = (p: CachedPromotion, at: string) => p.active && (p.startsAt === null || p.startsAt <= at) && (p.endsAt === null || p.endsAt > at);

export class CartPricingError extends Error {
  constructor(
    readonly code: string,
    readonly lineId: string | null,
    message: string,
  ) {
    super(message);
  }
}

export function rateOf(index: CatalogIndex, store: StoreSettings, taxClass: string): number {
  for (const t of index.taxClasses.values()) if (t.country === store.country && t.code === taxClass) return t.rateBp;
  throw new CartPricingError('unknown_tax_class', null, `Unknown tax class ${taxClass}`);
}

export function buildPricingInput(index: CatalogIndex, store: StoreSettings, cart: Cart, at: Date): PricingInput {
  const lines: BasketLineInput[] = [];
  for (const l of cart.lines) {
    const product = index.products.get(l.productId);
    if (!product) throw new CartPricingError('unknown_product', l.id, 'This product is no longer in the catalog');
    const unitPrice = priceOf(product, l.variantId);
    if (unitPrice === null) throw new CartPricingError('no_price', l.id, `${product.name} has no price in this store`);
    const modifiers = l.modifierOptionIds.map((optionId) => {
      for (const gid of product.modifierGroupIds) {
        const o = index.modifierGroups.get(gid)?.options.find((x) => x.id === optionId);
        if (o) return { id: o.id, name: o.name, priceDelta: o.priceDelta };
      }
      throw new CartPricingError('unknown_modifier', l.id, 'Not a modifier option of this product');
    });
    lines.push({
      id: l.id,
      productId: product.id,
      ...(l.variantId && { variantId: l.variantId }),
      categoryIds: ancestorsOf(product.categoryId, index),
      unitPrice,
      milliQty: l.qty,
      taxRateBp: rateOf(index, store, product.taxClass),
      ...(l.discount && { discount: l.discount }),
      ...(l.priceOverride !== undefined && { priceOverride: l.priceOverride }),
      ...(modifiers.length > 0 && { modifiers }),
    });
    const deposit = product.depositProductId ? index.products.get(product.depositProductId) : undefined;
    if (product.depositProductId) {
      const depositPrice = deposit ? priceOf(deposit, null) : null;
      if (!deposit || depositPrice === null) throw new CartPricingError('no_price', l.id, `The deposit of ${product.name} has no price`);
      lines.push({ id: `${l.id}:deposit`, productId: deposit.id, unitPrice: depositPrice, milliQty: Math.ceil(l.qty / 1000) * 1000, taxRateBp: rateOf(index, store, deposit.taxClass), depositFor: l.id });
    }
  }
  const iso = at.toISOString();
  const rates = new Set<number>();
  for (const t of index.taxClasses.values()) if (t.country === store.country) rates.add(t.rateBp);
  return {
    settings: {
      currency: store.currency,
      priceMode: store.country === 'US' ? 'net' : 'gross',
      vatRounding: 'per_receipt',
      cashRounding: cashRoundingFor(store.country),
      taxRatesBp: [...rates],
    },
    lines,
    ...(cart.cartDiscount && { cartDiscount: cart.cartDiscount }),
    now: { iso, utcOffsetMinutes: utcOffsetMinutes(store.timeZone, at) },
    promotions: [...index.promotions.values()].filter((p) => activeAt(p, iso)).map(toCorePromotion),
  };
}

export type PricedCart = { ok: true; basket: PricedBasket } | { ok: false; error: CartPricingError };

export function priceCart(index: CatalogIndex, store: StoreSettings, cart: Cart, at: Date): PricedCart {
  try {
    return { ok: true, basket: priceBasket(buildPricingInput(index, store, cart, at)) };
  } catch (err) {
    if (err instanceof CartPricingError) return { ok: false, error: err };
    if (err instanceof PricingError) {
      const m = /^lines\[(\d+)\]/.exec(err.field);
      return { ok: false, error: new CartPricingError(err.code, m ? (cart.lines[Number(m[1])]?.id ?? null) : null, err.message) };
    }
    throw err;
  }
}
