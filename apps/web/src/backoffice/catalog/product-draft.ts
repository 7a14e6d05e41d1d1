// The product editor's form state and its translation into API requests (pure, unit-tested).
import type { Product, ProductInput, ProductPatch, Unit } from '../../lib/api/catalog-types';
import type { FieldError } from '../../lib/field-errors';
import { minorToInput, parseMoneyInput } from '../../lib/money';
import type { VariantDraft } from './variant-matrix';

export interface ProductDraft {
  name: string;
  sku: string;
  description: string;
  categoryId: string;
  taxClass: string;
  unit: Unit;
  soldByWeight: boolean;
  price: string;
  costPrice: string;
  depositProductId: string | null;
  modifierGroupIds: string[];
  /** Prices of existing variants in the selected store, by variant id ('' = use the product price). */
  variantPrices: Record<string, string>;
  /** New product only: barcodes and variants sent with the create request. */
  barcodes: string[];
  variants: VariantDraft[];
}

export function emptyDraft(defaultTaxClass: string): ProductDraft {
  return {
    name: '',
    sku: '',
    description: '',
    categoryId: '',
    taxClass: defaultTaxClass,
    unit: 'piece',
    soldByWeight: false,
    price: '',
    costPrice: '',
    depositProductId: null,
    modifierGroupIds: [],
    variantPrices: {},
    barcodes: [],
    variants: [],
  };
}

export function draftFromProduct(
  p: Product,
  storeId: string,
  currency: string,
  locale: string,
): ProductDraft {
  const priceOf = (variantId: string | null) =>
    p.prices.find((x) => x.storeId === storeId && x.variantId === variantId)?.price ?? null;
  return {
    name: p.name,
    sku: p.sku,
    description: p.description,
    categoryId: p.categoryId ?? '',
    taxClass: p.taxClass,
    unit: p.unit,
    soldByWeight: p.soldByWeight,
    price: minorToInput(priceOf(null), currency, locale),
    costPrice: minorToInput(p.costPrice, currency, locale),
    depositProductId: p.depositProductId,
    modifierGroupIds: [...p.modifierGroupIds],
    variantPrices: Object.fromEntries(
      p.variants.map((v) => [v.id, minorToInput(priceOf(v.id), currency, locale)]),
    ),
    barcodes: [],
    variants: [],
  };
}

/** Client-side checks before anything is sent; same field paths as the server's. */
export function validateDraft(d: ProductDraft, currency: string, isNew: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!d.name.trim()) errors.push({ field: 'name', code: 'required' });
  if (!d.sku.trim()) errors.push({ field: 'sku', code: 'required' });
  if (!d.taxClass) errors.push({ field: 'taxClass', code: 'required' });
  if (d.soldByWeight && d.unit === 'piece') errors.push({ field: 'unit', code: 'invalid_unit' });
  const money = (text: string, field: string, required: boolean) => {
    if (!text.trim() && !required) return;
    const parsed = parseMoneyInput(text, currency);
    if (!parsed.ok) errors.push({ field, code: parsed.error });
  };
  money(d.price, 'prices.0.price', false);
  money(d.costPrice, 'costPrice', false);
  for (const [id, text] of Object.entries(d.variantPrices)) money(text, `variantPrices.${id}`, false);
  if (isNew) {
    d.variants.forEach((v, i) => {
      if (!v.sku.trim()) errors.push({ field: `variants.${i}.sku`, code: 'required' });
      money(v.price, `variants.${i}.prices.0.price`, false);
    });
  }
  return errors;
}

const amount = (text: string, currency: string): number | null => {
  if (!text.trim()) return null;
  const parsed = parseMoneyInput(text, currency);
  return parsed.ok ? parsed.value : null;
};

export function createBody(d: ProductDraft, storeId: string, currency: string): ProductInput {
  const price = amount(d.price, currency);
  return {
    sku: d.sku.trim(),
    name: d.name.trim(),
    description: d.description.trim(),
    categoryId: d.categoryId || null,
    taxClass: d.taxClass,
    unit: d.unit,
    soldByWeight: d.soldByWeight,
    depositProductId: d.depositProductId,
    costPrice: amount(d.costPrice, currency),
    modifierGroupIds: d.modifierGroupIds,
    barcodes: d.barcodes.map((code) => ({ code: code.trim() })).filter((b) => b.code),
    prices: price === null ? [] : [{ storeId, price }],
    variants: d.variants.map((v) => {
      const vp = amount(v.price, currency);
      return {
        sku: v.sku.trim(),
        options: v.options,
        barcodes: v.barcode.trim() ? [{ code: v.barcode.trim() }] : [],
        prices: vp === null ? [] : [{ storeId, price: vp }],
      };
    }),
  };
}

/** Only what changed; `null` when nothing did. */
export function patchBody(before: ProductDraft, d: ProductDraft, currency: string): ProductPatch | null {
  const patch: ProductPatch = {};
  if (d.name.trim() !== before.name) patch.name = d.name.trim();
  if (d.sku.trim() !== before.sku) patch.sku = d.sku.trim();
  if (d.description.trim() !== before.description) patch.description = d.description.trim();
  if (d.categoryId !== before.categoryId) patch.categoryId = d.categoryId || null;
  if (d.taxClass !== before.taxClass) patch.taxClass = d.taxClass;
  if (d.unit !== before.unit) patch.unit = d.unit;
  if (d.soldByWeight !== before.soldByWeight) patch.soldByWeight = d.soldByWeight;
  if (d.depositProductId !== before.depositProductId) patch.depositProductId = d.depositProductId;
  const cost = amount(d.costPrice, currency);
  if (cost !== amount(before.costPrice, currency)) patch.costPrice = cost;
  if (d.modifierGroupIds.join() !== before.modifierGroupIds.join())
    patch.modifierGroupIds = d.modifierGroupIds;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Price writes (PUT …/prices) for the product and its variants whose amount changed. */
export function priceChanges(
  before: ProductDraft,
  d: ProductDraft,
  currency: string,
): { variantId: string | null; price: number | null }[] {
  const out: { variantId: string | null; price: number | null }[] = [];
  const price = amount(d.price, currency);
  if (price !== amount(before.price, currency)) out.push({ variantId: null, price });
  for (const [id, text] of Object.entries(d.variantPrices)) {
    const next = amount(text, currency);
    if (next !== amount(before.variantPrices[id] ?? '', currency)) out.push({ variantId: id, price: next });
  }
  return out;
}
