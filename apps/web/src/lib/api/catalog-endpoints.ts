// Catalog endpoints (apps/server/src/modules/catalog/*.routes.ts). Paths live only here.
import { api, apiDownload } from './api-client';
import type {
  Barcode,
  Category,
  ImportResult,
  ModifierGroup,
  ModifierGroupInput,
  Product,
  ProductInput,
  ProductPage,
  ProductPatch,
  ProductSearch,
  Promotion,
  PromotionInput,
  TaxClass,
  Variant,
  VariantInput,
} from './catalog-types';

const id = (value: string) => encodeURIComponent(value);

export const productsApi = {
  search: (params: ProductSearch, signal?: AbortSignal) =>
    api<ProductPage>('/catalog/products', { query: { ...params }, signal }),
  get: (productId: string, storeId?: string) =>
    api<Product>(`/catalog/products/${id(productId)}`, { query: { storeId } }),
  create: (input: ProductInput) => api<Product>('/catalog/products', { method: 'POST', body: input }),
  update: (productId: string, patch: ProductPatch) =>
    api<Product>(`/catalog/products/${id(productId)}`, { method: 'PATCH', body: patch }),
  archive: (productId: string) => api<Product>(`/catalog/products/${id(productId)}`, { method: 'DELETE' }),
  restore: (productId: string) =>
    api<Product>(`/catalog/products/${id(productId)}`, { method: 'PATCH', body: { status: 'active' } }),
  addVariant: (productId: string, input: VariantInput) =>
    api<Variant>(`/catalog/products/${id(productId)}/variants`, { method: 'POST', body: input }),
  updateVariant: (variantId: string, patch: Partial<VariantInput> & { status?: 'active' | 'archived' }) =>
    api<Variant>(`/catalog/variants/${id(variantId)}`, { method: 'PATCH', body: patch }),
  addBarcode: (productId: string, code: string, variantId: string | null = null) =>
    api<Barcode>(`/catalog/products/${id(productId)}/barcodes`, {
      method: 'POST',
      body: { code, variantId },
    }),
  removeBarcode: (barcodeId: string) => api<void>(`/catalog/barcodes/${id(barcodeId)}`, { method: 'DELETE' }),
  setPrice: (productId: string, body: { storeId: string; variantId: string | null; price: number | null }) =>
    api<{ storeId: string; variantId: string | null; price: number | null; currency: string }>(
      `/catalog/products/${id(productId)}/prices`,
      { method: 'PUT', body },
    ),
};

export const categoriesApi = {
  list: () => api<{ items: Category[] }>('/catalog/categories'),
  create: (body: { name: string; parentId: string | null; sortOrder?: number }) =>
    api<Category>('/catalog/categories', { method: 'POST', body }),
  update: (categoryId: string, body: { name?: string; parentId?: string | null; sortOrder?: number }) =>
    api<Category>(`/catalog/categories/${id(categoryId)}`, { method: 'PATCH', body }),
  remove: (categoryId: string) => api<void>(`/catalog/categories/${id(categoryId)}`, { method: 'DELETE' }),
};

export const taxClassesApi = {
  list: (country?: string) => api<{ items: TaxClass[] }>('/catalog/tax-classes', { query: { country } }),
  upsert: (body: { country: string; code: string; name: string; rateBp: number }) =>
    api<TaxClass>('/catalog/tax-classes', { method: 'PUT', body }),
};

export const modifierGroupsApi = {
  list: () => api<{ items: ModifierGroup[] }>('/catalog/modifier-groups'),
  create: (body: ModifierGroupInput) =>
    api<ModifierGroup>('/catalog/modifier-groups', { method: 'POST', body }),
  update: (groupId: string, body: Partial<ModifierGroupInput>) =>
    api<ModifierGroup>(`/catalog/modifier-groups/${id(groupId)}`, { method: 'PATCH', body }),
};

export const promotionsApi = {
  list: (storeId: string) =>
    api<{ items: Promotion[] }>('/catalog/promotions', { query: { storeId, includeInactive: 'true' } }),
  create: (body: PromotionInput) => api<Promotion>('/catalog/promotions', { method: 'POST', body }),
  update: (promotionId: string, body: Partial<Omit<PromotionInput, 'storeId'>>) =>
    api<Promotion>(`/catalog/promotions/${id(promotionId)}`, { method: 'PATCH', body }),
};

export const importApi = {
  run: (storeId: string, csv: string, options: { dryRun: boolean; skipInvalid: boolean }) =>
    api<ImportResult>('/catalog/import', {
      method: 'POST',
      query: { storeId, dryRun: String(options.dryRun), skipInvalid: String(options.skipInvalid) },
      body: { csv },
    }),
  export: (storeId: string) => apiDownload('/catalog/export', { storeId }),
};
