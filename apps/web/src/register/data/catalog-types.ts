// What the register keeps of the catalog: the shapes of GET /catalog/snapshot and /catalog/changes
// (apps/server/src/modules/catalog/change-feed.ts). Money in minor units, rates in basis points.
import type { Product, Promotion } from '../../lib/api/catalog-types';

/**
 * The server's register projection (apps/server/src/modules/catalog/register-products.ts): prices of
 * this store only as `{ variantId, price }`, barcodes without productId, no costPrice/createdAt.
 */
export type CachedProduct = Omit<Product, 'costPrice' | 'createdAt' | 'prices' | 'barcodes'> & {
  prices: { variantId: string | null; price: number }[];
  barcodes: { id: string; code: string; kind: string; variantId: string | null }[];
};

export interface CachedCategory {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
}

export interface CachedTaxClass {
  id: string;
  country: string;
  code: string;
  name: string;
  rateBp: number;
}

export interface CachedModifierGroup {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: { id: string; name: string; priceDelta: number }[];
}

/** A promotion exactly as the server presents it (`presentPromotion`, same as the back office reads it). */
export type CachedPromotion = Promotion;

export interface SnapshotPage {
  storeId: string;
  currency: string;
  cursor: number;
  products: CachedProduct[];
  nextAfter: string | null;
  hasMore: boolean;
  taxClasses: CachedTaxClass[] | null;
  categories: CachedCategory[] | null;
  modifierGroups: CachedModifierGroup[] | null;
  promotions: CachedPromotion[] | null;
}

export type ChangeType = 'product' | 'category' | 'tax_class' | 'modifier_group' | 'promotion';

export interface CatalogChange {
  seq: number;
  type: ChangeType;
  op: 'upsert' | 'delete';
  id: string;
  data: unknown;
}

export interface ChangesPage {
  changes: CatalogChange[];
  nextCursor: number;
  hasMore: boolean;
}

/** What local pricing needs to know about the store (from /devices/me). */
export interface StoreSettings {
  storeId: string;
  country: string;
  currency: string;
  timeZone: string;
}
