import { priceListCatalog } from './price-lists.js';
import type { BasketLineInput, CatalogView, PricingInput, Promotion } from './types.js';

/**
 * A realistic large basket for benchmarks (`bench/` imports it later): 50 lines across 7 %
 * and 19 %, weighed items, deposits, modifiers, a price list, 5 promotions of every kind,
 * a coupon and a cart discount. Deterministic: no randomness, so runs are comparable.
 */
export function buildBenchBasket(): { input: PricingInput; catalog: CatalogView } {
  const lines: BasketLineInput[] = [];
  for (let i = 0; lines.length < 50; i++) {
    const id = `line-${String(i).padStart(2, '0')}`;
    const kind = i % 5;
    if (kind === 0) {
      // beverage with its deposit (two lines)
      lines.push({
        id,
        productId: `drink-${i % 4}`,
        categoryIds: ['drinks'],
        unitPrice: 79 + i,
        milliQty: 6000,
        taxRateBp: 1900,
      });
      lines.push({
        id: `${id}-pfand`,
        productId: 'pfand-025',
        unitPrice: 25,
        milliQty: 6000,
        taxRateBp: 1900,
        depositFor: id,
      });
    } else if (kind === 1) {
      // weighed cheese/deli
      lines.push({
        id,
        productId: `deli-${i % 3}`,
        categoryIds: ['deli'],
        unitPrice: 1990 + 10 * i,
        milliQty: 150 + 7 * i,
        taxRateBp: 700,
      });
    } else if (kind === 2) {
      lines.push({
        id,
        productId: `yoghurt-${i % 3}`,
        categoryIds: ['dairy', 'yoghurt'],
        unitPrice: 45 + (i % 3) * 4,
        milliQty: 2000,
        taxRateBp: 700,
      });
    } else if (kind === 3) {
      lines.push({
        id,
        productId: 'coffee',
        variantId: i % 2 === 0 ? 'latte' : 'espresso',
        categoryIds: ['cafe'],
        unitPrice: 320,
        milliQty: 1000,
        taxRateBp: 1900,
        modifiers: [{ id: 'oat', priceDelta: 40 }],
        ...(i % 4 === 3 ? { discount: { percentBp: 1000 } } : {}),
      });
    } else {
      lines.push({
        id,
        productId: `soap-${i % 4}`,
        categoryIds: ['drugstore'],
        unitPrice: 99 + 50 * (i % 4),
        milliQty: 1000,
        taxRateBp: 1900,
      });
    }
  }
  const promotions: Promotion[] = [
    {
      id: 'yoghurt-3-for-1',
      priority: 2,
      target: { categoryIds: ['yoghurt'] },
      effect: { type: 'n_for_price', quantity: 3, price: 100 },
    },
    {
      id: 'soap-b2g1',
      priority: 1,
      target: { categoryIds: ['drugstore'] },
      effect: { type: 'buy_x_get_y', buy: 2, get: 1 },
    },
    {
      id: 'happy-hour',
      exclusive: false,
      target: { categoryIds: ['drinks', 'cafe'] },
      conditions: { timeWindows: [{ weekdays: [1, 2, 3, 4, 5], fromMinute: 1020, toMinute: 1140 }] },
      effect: { type: 'percent_off', percentBp: 2000 },
    },
    { id: 'deli-10', target: { categoryIds: ['deli'] }, effect: { type: 'percent_off', percentBp: 1000 } },
    {
      id: 'coupon-5-off',
      conditions: { couponCode: 'SAVE5', minBasketAmount: 5000 },
      effect: { type: 'cart_amount_off', amount: 500 },
    },
  ];
  const input: PricingInput = {
    settings: { currency: 'EUR', priceMode: 'gross', vatRounding: 'per_receipt', taxRatesBp: [1900, 700, 0] },
    lines,
    promotions,
    couponCodes: ['SAVE5'],
    customerGroup: 'staff',
    cartDiscount: { percentBp: 300 },
    now: { weekday: 5, minuteOfDay: 17 * 60 + 45 },
  };
  const catalog = priceListCatalog([
    {
      id: 'staff',
      customerGroups: ['staff'],
      prices: [{ productId: 'coffee', variantId: 'latte', unitPrice: 250 }],
    },
  ]);
  return { input, catalog };
}
