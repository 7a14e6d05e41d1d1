export { PricingError, type PricingErrorCode } from './pricing-error.js';
export type {
  PercentOrAmount,
  PricingSettings,
  LineModifier,
  BasketLineInput,
  PricingNow,
  PromotionTarget,
  TimeWindow,
  PromotionConditions,
  PromotionEffect,
  Promotion,
  PricingInput,
  ListPrice,
  CatalogView,
  AdjustmentSource,
  Adjustment,
  PricedLine,
  AppliedPromotion,
  PricingTotals,
  PricedBasket,
} from './types.js';
export { priceBasket } from './price-basket.js';
export { validatePricingInput } from './validate.js';
export { type PriceList, priceListCatalog } from './price-lists.js';
export { resolveNow } from './promotions.js';
export { buildBenchBasket } from './bench-fixture.js';
