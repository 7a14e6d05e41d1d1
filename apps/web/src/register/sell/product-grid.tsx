import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { priceOf, searchProducts, sortKey, type CatalogIndex } from '../data/catalog-index';
import type { CachedProduct } from '../data/catalog-types';

const FAVOURITES = '__favourites';
const ALL = '__all';
const TILE_MIN = 170;
const ROW_HEIGHT = 104;

interface ProductGridProps {
  index: CatalogIndex;
  version: number;
  favourites: string[];
  onToggleFavourite: (id: string) => void;
  onPick: (product: CachedProduct) => void;
  money: (amount: number | null) => string;
  searchRef: React.RefObject<HTMLInputElement | null>;
}

/** Top-level category of a product (tiles are grouped by the root of their category tree). */
function rootOf(index: CatalogIndex, categoryId: string | null): string | null {
  let id = categoryId;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    const parent = index.categories.get(id)?.parentId ?? null;
    if (!parent) return id;
    id = parent;
  }
  return id;
}

export function ProductGrid({
  index,
  version,
  favourites,
  onToggleFavourite,
  onPick,
  money,
  searchRef,
}: ProductGridProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  // Until the cashier picks one: favourites if any, else the first category (sorting all 100k
  // products for an "All" view nobody asked for would delay the first screen).
  const [picked, setTab] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(4);

  const roots = useMemo(() => {
    const used = new Set<string>();
    for (const p of index.products.values()) {
      const r = rootOf(index, p.categoryId);
      if (r) used.add(r);
    }
    return [...index.categories.values()]
      .filter((c) => c.parentId === null && used.has(c.id))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  }, [index, version]);

  const tab = picked ?? (favourites.length ? FAVOURITES : (roots[0]?.id ?? ALL));

  const products = useMemo(() => {
    if (query.trim()) return searchProducts(index, query, 500);
    if (tab === FAVOURITES) return favourites.flatMap((id) => index.products.get(id) ?? []);
    const all = [...index.products.values()];
    // Deposits are added by their bottles, not sold from a tile.
    const deposits = new Set(all.flatMap((p) => (p.depositProductId ? [p.depositProductId] : [])));
    const list = all.filter(
      (p) => !deposits.has(p.id) && (tab === ALL || rootOf(index, p.categoryId) === tab),
    );
    // Plain comparison of folded names: a collator over 100k names costs a visible pause.
    const keyed = list.map((p) => [sortKey(p.name), p] as const);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return keyed.map((k) => k[1]);
  }, [index, version, query, tab, favourites]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setColumns(Math.max(2, Math.floor(el.clientWidth / TILE_MIN)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const rows = Math.ceil(products.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });
  const favSet = useMemo(() => new Set(favourites), [favourites]);

  return (
    <section className="sell-products" aria-label={t('sell.products.title')}>
      <div className="sell-products__search">
        <label className="visually-hidden" htmlFor="sell-search">
          {t('sell.products.search')}
        </label>
        <input
          id="sell-search"
          ref={searchRef}
          type="search"
          value={query}
          placeholder={t('sell.products.searchPlaceholder')}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && products[0]) {
              onPick(products[0]);
              setQuery('');
            }
            if (e.key === 'Escape') setQuery('');
          }}
        />
      </div>
      {!query && (
        <div className="sell-tabs" role="tablist" aria-label={t('sell.products.categories')}>
          {[
            { id: FAVOURITES, name: t('sell.products.favourites') },
            { id: ALL, name: t('sell.products.all') },
            ...roots,
          ].map((c) => (
            <button
              key={c.id}
              type="button"
              role="tab"
              aria-selected={tab === c.id}
              className="sell-tab"
              onClick={() => setTab(c.id)}
            >
              {c.name}
            </button>
          ))}
        </div>
      )}
      <div ref={scrollRef} className="sell-grid" data-testid="product-grid">
        {products.length === 0 && (
          <p className="muted sell-grid__empty">
            {query
              ? t('sell.products.noMatch')
              : tab === FAVOURITES
                ? t('sell.products.noFavourites')
                : t('sell.products.empty')}
          </p>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.key}
              className="sell-grid__row"
              style={{
                transform: `translateY(${row.start}px)`,
                gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              }}
            >
              {products.slice(row.index * columns, row.index * columns + columns).map((p) => {
                const price = priceOf(p, null);
                const fav = favSet.has(p.id);
                return (
                  <div key={p.id} className="sell-tile">
                    <button
                      type="button"
                      className="sell-tile__main"
                      onClick={() => onPick(p)}
                      data-testid="product-tile"
                    >
                      <span className="sell-tile__name">{p.name}</span>
                      <span className="sell-tile__price">
                        {money(price)}
                        {p.soldByWeight ? ` / ${p.unit}` : ''}
                      </span>
                    </button>
                    <button
                      type="button"
                      className={fav ? 'sell-tile__fav sell-tile__fav--on' : 'sell-tile__fav'}
                      aria-pressed={fav}
                      aria-label={t(fav ? 'sell.products.unfavourite' : 'sell.products.favourite', {
                        name: p.name,
                      })}
                      onClick={() => onToggleFavourite(p.id)}
                    >
                      <span aria-hidden="true">★</span>
                    </button>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
