// Search params of /backoffice/products (kept out of the page chunk: the router needs them).
import type { ProductStatus } from '../../lib/api/catalog-types';

export type StatusFilter = ProductStatus | 'all';
export interface ProductListSearch {
  q?: string;
  categoryId?: string;
  status?: StatusFilter;
}

export function validateProductListSearch(search: Record<string, unknown>): ProductListSearch {
  const out: ProductListSearch = {};
  if (typeof search.q === 'string' && search.q) out.q = search.q;
  if (typeof search.categoryId === 'string' && search.categoryId) out.categoryId = search.categoryId;
  if (search.status === 'archived' || search.status === 'all') out.status = search.status;
  return out;
}
