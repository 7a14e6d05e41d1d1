import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { productsApi } from '../../lib/api/catalog-endpoints';
import type { Product } from '../../lib/api/catalog-types';
import { useErrorMessage } from '../../lib/error-message';
import { useDebounced } from '../../lib/use-debounced';
import { catalogKeys, categoriesQuery, flattenCategories, useCatalogStore } from './catalog-queries';
import { ProductRow } from './product-row';
import { StorePicker } from './store-picker';
import type { ProductListSearch, StatusFilter } from './product-list-search';

export const PAGE_SIZE = 50;
export function ProductsPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as ProductListSearch;
  const status = search.status ?? 'active';
  const { stores, store, setStoreId } = useCatalogStore();
  const categories = useQuery(categoriesQuery).data ?? [];
  const tree = useMemo(() => flattenCategories(categories), [categories]);
  const paths = useMemo(() => new Map(tree.map((n) => [n.category.id, n.path])), [tree]);
  const ids = { search: useId(), category: useId(), status: useId() };

  const [text, setText] = useState(search.q ?? '');
  const q = useDebounced(text.trim(), 250);
  const setSearch = (patch: Partial<ProductListSearch>) =>
    void navigate({ to: '/backoffice/products', search: { ...search, ...patch }, replace: true });
  useEffect(() => {
    if (q !== (search.q ?? '')) setSearch({ q: q || undefined });
  }, [q]);

  // Keyset paging: the cursors of the pages seen so far; the last one is the current page.
  // Changing a filter starts again at page 1 (derived, so no request ever pairs a stale cursor
  // with new filters).
  const filterKey = `${search.q ?? ''}|${search.categoryId ?? ''}|${status}|${store?.id ?? ''}`;
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({
    key: filterKey,
    cursors: [null],
  });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const setCursors = (next: (current: (string | null)[]) => (string | null)[]) =>
    setPaging({ key: filterKey, cursors: next(cursors) });
  const cursor = cursors.at(-1) ?? null;

  const products = useQuery({
    queryKey: [...catalogKeys.products, 'search', filterKey, cursor],
    queryFn: ({ signal }) =>
      productsApi.search(
        { q: search.q, categoryId: search.categoryId, status, storeId: store?.id, cursor, limit: PAGE_SIZE },
        signal,
      ),
    enabled: Boolean(store),
    placeholderData: keepPreviousData,
  });
  const items = products.data?.items ?? [];
  const page = cursors.length;

  const toggle = useMutation({
    mutationFn: (p: Product) =>
      p.status === 'active' ? productsApi.archive(p.id) : productsApi.restore(p.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.products }),
  });

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>{t('products.title')}</h1>
          <p className="muted">{t('products.subtitle')}</p>
        </div>
        <Link to="/backoffice/products/new" className="button button--primary">
          {t('products.new')}
        </Link>
      </div>

      <div className="card toolbar" role="search">
        <div className="filter filter--grow">
          <label htmlFor={ids.search}>{t('products.search')}</label>
          <input
            id={ids.search}
            type="search"
            value={text}
            placeholder={t('products.searchPlaceholder')}
            autoComplete="off"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="filter">
          <label htmlFor={ids.category}>{t('products.category')}</label>
          <select
            id={ids.category}
            value={search.categoryId ?? ''}
            onChange={(e) => setSearch({ categoryId: e.target.value || undefined })}
          >
            <option value="">{t('products.allCategories')}</option>
            {tree.map((n) => (
              <option key={n.category.id} value={n.category.id}>
                {`${'\u00a0\u00a0'.repeat(n.depth)}${n.category.name}`}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor={ids.status}>{t('products.status')}</label>
          <select
            id={ids.status}
            value={status}
            onChange={(e) =>
              setSearch({
                status: e.target.value === 'active' ? undefined : (e.target.value as StatusFilter),
              })
            }
          >
            <option value="active">{t('products.statusActive')}</option>
            <option value="archived">{t('products.statusArchived')}</option>
            <option value="all">{t('products.statusAll')}</option>
          </select>
        </div>
        <StorePicker stores={stores} store={store} onChange={setStoreId} />
      </div>

      {products.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(products.error)}
        </p>
      )}
      {toggle.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(toggle.error)}
        </p>
      )}
      {products.isPending && <p className="muted">{t('common.loading')}</p>}
      {products.isSuccess && items.length === 0 && (
        <p className="card empty-state">
          {search.q ? t('products.noMatches', { q: search.q }) : t('products.empty')}
        </p>
      )}
      {items.length > 0 && store && (
        <div
          className={products.isPlaceholderData ? 'card table-wrap is-stale' : 'card table-wrap'}
          aria-busy={products.isFetching}
        >
          <table className="table" data-testid="product-table">
            <caption className="visually-hidden">{t('products.caption', { page })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('products.name')}</th>
                <th scope="col">{t('products.sku')}</th>
                <th scope="col">{t('products.category')}</th>
                <th scope="col" className="num">
                  {t('products.price')}
                </th>
                <th scope="col">{t('products.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('devices.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <ProductRow
                  key={p.id}
                  product={p}
                  store={store}
                  categoryPath={p.categoryId ? (paths.get(p.categoryId) ?? '') : ''}
                  busy={toggle.isPending && toggle.variables.id === p.id}
                  onToggle={() => toggle.mutate(p)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(page > 1 || products.data?.nextCursor) && (
        <nav className="pager" aria-label={t('products.paging')}>
          <button
            type="button"
            className="button"
            disabled={page === 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('products.previous')}
          </button>
          <span className="muted" aria-live="polite">
            {t('products.pageOf', {
              page,
              from: (page - 1) * PAGE_SIZE + 1,
              to: (page - 1) * PAGE_SIZE + items.length,
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={!products.data?.nextCursor || products.isPlaceholderData}
            onClick={() => setCursors((c) => [...c, products.data?.nextCursor ?? null])}
          >
            {t('products.next')}
          </button>
        </nav>
      )}
    </>
  );
}
