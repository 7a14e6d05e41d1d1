import type { Selectable } from 'kysely';
import type { BarcodesTable, ProductsTable, StorePricesTable, VariantsTable } from '../../platform/db/schema.js';

export type ProductRow = Selectable<ProductsTable>;
export type VariantRow = Selectable<VariantsTable>;
export type BarcodeRow = Selectable<BarcodesTable>;
export type PriceRow = Selectable<StorePricesTable>;

export function presentVariant(v: VariantRow) {
  return { id: v.id, productId: v.product_id, sku: v.sku, name: v.name, options: JSON.parse(v.options) as Record<string, string>, status: v.status, sortOrder: v.sort_order };
}

export function presentBarcode(b: BarcodeRow) {
  return { id: b.id, code: b.code, kind: b.kind, productId: b.product_id, variantId: b.variant_id };
}

export function presentPrice(p: PriceRow) {
  return { storeId: p.store_id, variantId: p.variant_id, price: p.price, currency: p.currency, updatedAt: p.updated_at };
}

export interface ProductParts {
  variants: VariantRow[];
  barcodes: BarcodeRow[];
  prices: PriceRow[];
  modifierGroupIds: string[];
}

/** A product with everything a register needs to sell it (prices: the stores asked for). */
export function presentProduct(p: ProductRow, parts: ProductParts) {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    categoryId: p.category_id,
    taxClass: p.tax_class,
    unit: p.unit,
    soldByWeight: p.sold_by_weight === 1,
    imageUrl: p.image_url,
    status: p.status,
    depositProductId: p.deposit_product_id,
    costPrice: p.cost_price,
    variants: parts.variants.map(presentVariant),
    barcodes: parts.barcodes.map(presentBarcode),
    prices: parts.prices.map(presentPrice),
    modifierGroupIds: parts.modifierGroupIds,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
}
export type ProductView = ReturnType<typeof presentProduct>;
