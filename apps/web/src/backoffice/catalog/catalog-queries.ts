// Shared catalog reads and the store the back office is pricing in.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { categoriesApi, modifierGroupsApi, taxClassesApi } from '../../lib/api/catalog-endpoints';
import type { Category } from '../../lib/api/catalog-types';
import type { Store } from '../../lib/api/types';
import { useMe } from '../../auth/me-query';
import { storesQueryOptions } from '../backoffice-layout';

export const catalogKeys = {
  all: ['catalog'] as const,
  products: ['catalog', 'products'] as const,
  product: (id: string, storeId: string | undefined) => ['catalog', 'products', 'one', id, storeId] as const,
  categories: ['catalog', 'categories'] as const,
  taxClasses: (country: string | undefined) => ['catalog', 'tax-classes', country] as const,
  modifierGroups: ['catalog', 'modifier-groups'] as const,
  promotions: (storeId: string) => ['catalog', 'promotions', storeId] as const,
};

export const categoriesQuery = queryOptions({
  queryKey: catalogKeys.categories,
  queryFn: async () => (await categoriesApi.list()).items,
});

export const modifierGroupsQuery = queryOptions({
  queryKey: catalogKeys.modifierGroups,
  queryFn: async () => (await modifierGroupsApi.list()).items,
});

export const taxClassesQuery = (country: string | undefined) =>
  queryOptions({
    queryKey: catalogKeys.taxClasses(country),
    queryFn: async () => (await taxClassesApi.list(country)).items,
    enabled: Boolean(country),
  });

const STORE_KEY = 'opentill.catalogStore';

function readStoredStore(): string | null {
  try {
    return localStorage.getItem(STORE_KEY);
  } catch {
    return null;
  }
}

/**
 * The store whose prices and promotions the catalog pages show: the session's store, else the
 * last one picked, else the first the user can see.
 */
export function useCatalogStore(): {
  stores: Store[];
  store: Store | undefined;
  setStoreId: (id: string) => void;
} {
  const me = useMe().data;
  const stores = useQuery(storesQueryOptions).data?.items ?? [];
  const [chosen, setChosen] = useState<string | null>(readStoredStore);
  const store =
    stores.find((s) => s.id === chosen) ?? stores.find((s) => s.id === me?.session.storeId) ?? stores[0];
  useEffect(() => {
    if (chosen && stores.length > 0 && !stores.some((s) => s.id === chosen)) setChosen(null);
  }, [chosen, stores]);
  const setStoreId = (id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(STORE_KEY, id);
    } catch {
      // Remembered for this page only.
    }
  };
  return { stores, store, setStoreId };
}

export interface CategoryNode {
  category: Category;
  depth: number;
  /** "Drinks › Hot drinks" */
  path: string;
}

/** Depth-first order of the category tree, with each node's depth and full path. */
export function flattenCategories(categories: readonly Category[]): CategoryNode[] {
  const children = new Map<string | null, Category[]>();
  const ids = new Set(categories.map((c) => c.id));
  for (const c of categories) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(c);
  }
  const out: CategoryNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, prefix: string) => {
    const list = [...(children.get(parent) ?? [])].sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
    );
    for (const c of list) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      const path = prefix ? `${prefix} › ${c.name}` : c.name;
      out.push({ category: c, depth, path });
      walk(c.id, depth + 1, path);
    }
  };
  walk(null, 0, '');
  return out;
}

/** Ids of a category and everything below it (a category cannot move under its own subtree). */
export function subtreeIds(categories: readonly Category[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of categories) {
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}
