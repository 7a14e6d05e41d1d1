// Response shapes of the catalog API (apps/server/src/modules/catalog). Money is integer minor
// units of the store currency; tax rates are basis points (1900 = 19 %).

export type ProductStatus = 'active' | 'archived';
export const UNITS = ['piece', 'kg', 'l', 'm'] as const;
export type Unit = (typeof UNITS)[number];

export interface Variant {
  id: string;
  productId: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  status: ProductStatus;
  sortOrder: number;
}

export interface Barcode {
  id: string;
  code: string;
  kind: string;
  productId: string;
  variantId: string | null;
}

export interface StorePrice {
  storeId: string;
  variantId: string | null;
  price: number;
  currency: string;
  updatedAt: string;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string;
  categoryId: string | null;
  taxClass: string;
  unit: Unit;
  soldByWeight: boolean;
  imageUrl: string | null;
  status: ProductStatus;
  depositProductId: string | null;
  costPrice: number | null;
  variants: Variant[];
  barcodes: Barcode[];
  prices: StorePrice[];
  modifierGroupIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

export interface ProductSearch {
  q?: string;
  categoryId?: string;
  status?: ProductStatus | 'all';
  storeId?: string;
  cursor?: string | null;
  limit?: number;
}

export interface PriceInput {
  storeId: string;
  price: number;
}

export interface VariantInput {
  sku: string;
  name?: string;
  options: Record<string, string>;
  barcodes?: { code: string }[];
  prices?: PriceInput[];
}

export interface ProductInput {
  sku: string;
  name: string;
  description?: string;
  categoryId: string | null;
  taxClass: string;
  unit: Unit;
  soldByWeight?: boolean;
  depositProductId: string | null;
  costPrice: number | null;
  modifierGroupIds: string[];
  barcodes?: { code: string }[];
  prices?: PriceInput[];
  variants?: VariantInput[];
}

export type ProductPatch = Partial<Omit<ProductInput, 'barcodes' | 'prices' | 'variants'>> & {
  status?: ProductStatus;
};

export interface Category {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  updatedAt: string;
}

export interface TaxClass {
  id: string;
  country: string;
  code: string;
  name: string;
  rateBp: number;
  builtin: boolean;
}

export interface ModifierOption {
  id: string;
  name: string;
  priceDelta: number;
}

export interface ModifierGroup {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: ModifierOption[];
  updatedAt: string;
}

export interface ModifierGroupInput {
  name: string;
  minSelect: number;
  maxSelect: number;
  options: { id?: string; name: string; priceDelta: number }[];
}

export type PromotionEffect =
  | { type: 'n_for_price'; quantity: number; price: number }
  | { type: 'buy_x_get_y'; buy: number; get: number; percentBp?: number }
  | { type: 'percent_off'; percentBp: number }
  | { type: 'cart_percent_off'; percentBp: number }
  | { type: 'cart_amount_off'; amount: number };
export type PromotionType = PromotionEffect['type'];
export const PROMOTION_TYPES: readonly PromotionType[] = [
  'percent_off',
  'n_for_price',
  'buy_x_get_y',
  'cart_percent_off',
  'cart_amount_off',
];

export interface PromotionTarget {
  productIds?: string[];
  variantIds?: string[];
  categoryIds?: string[];
}

export interface PromotionConditions {
  couponCode?: string;
  customerGroups?: string[];
  timeWindows?: { weekdays?: number[]; fromMinute: number; toMinute: number }[];
  minBasketAmount?: number;
}

export interface Promotion {
  id: string;
  storeId: string;
  name: string;
  active: boolean;
  startsAt: string | null;
  endsAt: string | null;
  priority: number;
  exclusive: boolean;
  target: PromotionTarget | null;
  conditions: PromotionConditions | null;
  effect: PromotionEffect;
  updatedAt: string;
}

export interface PromotionInput {
  storeId: string;
  name: string;
  active: boolean;
  startsAt: string | null;
  endsAt: string | null;
  priority: number;
  exclusive: boolean;
  target?: PromotionTarget;
  conditions?: PromotionConditions;
  effect: PromotionEffect;
}

export interface ImportError {
  row: number;
  column: string;
  /** Stable code, translated in the UI (`import.errors.<code>`); `reason` is the English fallback. */
  code: string;
  reason: string;
  params?: Record<string, string | number>;
}

export interface ImportResult {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  imported: number;
  created?: number;
  updated?: number;
  errors: ImportError[];
}
