import 'fake-indexeddb/auto';
import { uuidv7 } from '@opentill/core';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyIndex } from './catalog-index';
import { catalogCursor, loadCatalog, syncCatalog, type CatalogFetcher } from './catalog-sync';
import type { CachedProduct, CatalogChange, SnapshotPage } from './catalog-types';
import { RegisterDb } from './register-db';

const dbs: RegisterDb[] = [];
const fresh = (name = `sync-${uuidv7()}`) => {
  const db = new RegisterDb(name);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const p = (n: number, price = 100): CachedProduct =>
  ({ id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, sku: `S${n}`, name: `P${n}`, description: '', categoryId: null, taxClass: 'standard', unit: 'piece', soldByWeight: false, imageUrl: null, status: 'active', depositProductId: null, variants: [], barcodes: [{ id: `b${n}`, code: `int-${n}`, kind: 'internal', variantId: null }], prices: [{ variantId: null, price }], modifierGroupIds: [], updatedAt: '' }) as CachedProduct;

/** A server with `n` products and a change log; can fail after `failAfter` snapshot pages. */
function server(n: number, opts: { failAfter?: number } = {}) {
  const products = Array.from({ length: n }, (_, i) => p(i + 1));
  const changes: CatalogChange[] = [];
  let pages = 0;
  const fetcher: CatalogFetcher = {
    async snapshot(after, limit) {
      if (opts.failAfter !== undefined && pages >= opts.failAfter) throw new TypeError('Failed to fetch');
      pages += 1;
      const start = after ? products.findIndex((x) => x.id === after) + 1 : 0;
      const page = products.slice(start, start + limit);
      const hasMore = start + limit < products.length;
      return { storeId: 's', currency: 'EUR', cursor: 10, products: page, nextAfter: hasMore ? page.at(-1)!.id : null, hasMore, taxClasses: after ? null : [], categories: after ? null : [], modifierGroups: after ? null : [], promotions: after ? null : [] } satisfies SnapshotPage;
    },
    async changes(since, limit) {
      const page = changes.filter((c) => c.seq > since).slice(0, limit);
      return { changes: page, nextCursor: page.at(-1)?.seq ?? since, hasMore: changes.filter((c) => c.seq > since).length > limit };
    },
  };
  return { fetcher, changes, products, pages: () => pages, heal: () => delete opts.failAfter };
}

describe('catalog sync', () => {
  it('downloads the snapshot, then applies the change feed after its cursor', async () => {
    const db = fresh();
    const s = server(12_000);
    const index = emptyIndex();
    expect(await syncCatalog(db, index, s.fetcher)).toBe(10);
    expect(await db.snapshotChunks.count()).toBe(3);
    expect(index.products.size).toBe(12_000);
    s.changes.push({ seq: 11, type: 'product', op: 'upsert', id: s.products[0]!.id, data: p(1, 250) }, { seq: 12, type: 'product', op: 'delete', id: s.products[1]!.id, data: null });
    expect(await syncCatalog(db, index, s.fetcher)).toBe(12);
    expect(index.products.get(s.products[0]!.id)!.prices[0]!.price).toBe(250);
    expect(index.products.has(s.products[1]!.id)).toBe(false);
    expect(index.byKey.has('int:int-2')).toBe(false);
    // A later start loads the same catalog from IndexedDB without the network.
    const again = emptyIndex();
    await loadCatalog(db, again);
    expect(again.products.size).toBe(11_999);
    expect(await catalogCursor(db)).toBe(12);
  });

  it('resumes an interrupted snapshot where it stopped instead of starting over', async () => {
    const db = fresh();
    const s = server(12_000, { failAfter: 2 });
    await expect(syncCatalog(db, emptyIndex(), s.fetcher)).rejects.toThrow('Failed to fetch');
    expect(await catalogCursor(db)).toBeNull(); // not usable yet
    expect(await db.snapshotChunks.count()).toBe(2);
    s.heal();
    const index = emptyIndex();
    await syncCatalog(db, index, s.fetcher);
    expect(s.pages()).toBe(3);
    expect(index.products.size).toBe(12_000);
    const reloaded = emptyIndex();
    await loadCatalog(db, reloaded);
    expect(reloaded.products.size).toBe(12_000);
  });
});
