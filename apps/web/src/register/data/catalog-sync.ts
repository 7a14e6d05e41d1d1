import { putProducts, removeProducts, type CatalogIndex } from './catalog-index';
import type { CachedCategory, CachedModifierGroup, CachedProduct, CachedPromotion, CachedTaxClass, ChangesPage, SnapshotPage } from './catalog-types';
import type { RegisterDb } from './register-db';

/**
 * Keeps the Dexie catalog (and the in-memory index) equal to the server's: a paged snapshot once
 * (resumable page by page), then the change feed after its cursor. Each change carries the entity's
 * current data, so applying a page twice is harmless; the cursor moves in the same IndexedDB
 * transaction as the data.
 */

export interface CatalogFetcher {
  snapshot(after: string | null, limit: number): Promise<SnapshotPage>;
  changes(since: number, limit: number): Promise<ChangesPage>;
}

const PAGE = 5000;
const K = { cursor: 'catalogCursor', snapshotAfter: 'snapshotAfter', snapshotDone: 'snapshotDone', snapshotCursor: 'snapshotCursor' } as const;

export async function catalogCursor(db: RegisterDb): Promise<number | null> {
  return (await db.getMeta<boolean>(K.snapshotDone)) ? ((await db.getMeta<number>(K.cursor)) ?? 0) : null;
}

/** Loads the cached catalog into memory (a later start: no network needed). */
export async function loadCatalog(db: RegisterDb, index: CatalogIndex): Promise<void> {
  const [chunks, changed, deleted, categories, taxClasses, modifierGroups, promotions] = await Promise.all([
    db.snapshotChunks.toArray(),
    db.products.toArray(),
    db.deletedProducts.toArray(),
    db.categories.toArray(),
    db.taxClasses.toArray(),
    db.modifierGroups.toArray(),
    db.promotions.toArray(),
  ]);
  for (const c of chunks) putProducts(index, JSON.parse(c.json) as CachedProduct[]);
  removeProducts(index, deleted.map((d) => d.id));
  putProducts(index, changed);
  for (const c of categories) index.categories.set(c.id, c);
  for (const t of taxClasses) index.taxClasses.set(t.id, t);
  for (const g of modifierGroups) index.modifierGroups.set(g.id, g);
  for (const p of promotions) index.promotions.set(p.id, p);
  index.version += 1;
}

async function replaceSmallTables(db: RegisterDb, index: CatalogIndex, page: SnapshotPage): Promise<void> {
  await db.categories.clear();
  await db.taxClasses.clear();
  await db.modifierGroups.clear();
  await db.promotions.clear();
  await db.categories.bulkPut(page.categories ?? []);
  await db.taxClasses.bulkPut(page.taxClasses ?? []);
  await db.modifierGroups.bulkPut(page.modifierGroups ?? []);
  await db.promotions.bulkPut(page.promotions ?? []);
  index.categories = new Map((page.categories ?? []).map((c) => [c.id, c]));
  index.taxClasses = new Map((page.taxClasses ?? []).map((t) => [t.id, t]));
  index.modifierGroups = new Map((page.modifierGroups ?? []).map((g) => [g.id, g]));
  index.promotions = new Map((page.promotions ?? []).map((p) => [p.id, p]));
}

async function runSnapshot(db: RegisterDb, index: CatalogIndex, fetcher: CatalogFetcher, onProgress?: (loaded: number) => void): Promise<void> {
  let after = (await db.getMeta<string | null>(K.snapshotAfter)) ?? null;
  let n = after ? await db.snapshotChunks.count() : 0;
  let loaded = 0;
  if (after) {
    for (const c of await db.snapshotChunks.toArray()) {
      const products = JSON.parse(c.json) as CachedProduct[];
      putProducts(index, products);
      loaded += products.length;
    }
  }
  // The next page downloads while this one is stored (network and IndexedDB overlap).
  let next: Promise<SnapshotPage> | null = fetcher.snapshot(after, PAGE);
  while (next) {
    const page: SnapshotPage = await next;
    next = page.hasMore ? fetcher.snapshot(page.nextAfter, PAGE) : null;
    // An unhandled rejection of the prefetch must not escape if storing this page fails first.
    next?.catch(() => undefined);
    const first = after === null;
    await db.transaction('rw', [db.meta, db.snapshotChunks, db.products, db.deletedProducts, db.categories, db.taxClasses, db.modifierGroups, db.promotions], async () => {
      if (first) {
        // A fresh snapshot: whatever was cached before (another store, a reset) goes.
        await Promise.all([db.snapshotChunks.clear(), db.products.clear(), db.deletedProducts.clear()]);
        await replaceSmallTables(db, index, page);
        await db.setMeta(K.snapshotCursor, page.cursor);
      }
      await db.snapshotChunks.put({ n, json: JSON.stringify(page.products) });
      await db.setMeta(K.snapshotAfter, page.nextAfter);
      if (!page.hasMore) {
        await db.setMeta(K.cursor, (await db.getMeta<number>(K.snapshotCursor)) ?? page.cursor);
        await db.setMeta(K.snapshotDone, true);
      }
    });
    if (first) index.products.clear();
    putProducts(index, page.products);
    n += 1;
    loaded += page.products.length;
    onProgress?.(loaded);
    after = page.nextAfter;
  }
}

/** One change of a small entity: into IndexedDB and the in-memory map (null = gone). */
async function mirror<T>(table: { put(v: T): Promise<unknown>; delete(id: string): Promise<void> }, map: Map<string, T>, id: string, data: T | null): Promise<void> {
  if (data === null) {
    await table.delete(id);
    map.delete(id);
  } else {
    await table.put(data);
    map.set(id, data);
  }
}

async function applyChanges(db: RegisterDb, index: CatalogIndex, page: ChangesPage): Promise<void> {
  const upserts: CachedProduct[] = [];
  const deletes: string[] = [];
  await db.transaction('rw', [db.meta, db.products, db.deletedProducts, db.categories, db.taxClasses, db.modifierGroups, db.promotions], async () => {
    for (const c of page.changes) {
      const del = c.op === 'delete' || c.data === null;
      switch (c.type) {
        case 'product':
          if (del) {
            await db.products.delete(c.id);
            await db.deletedProducts.put({ id: c.id });
            deletes.push(c.id);
          } else {
            await db.deletedProducts.delete(c.id);
            await db.products.put(c.data as CachedProduct);
            upserts.push(c.data as CachedProduct);
          }
          break;
        case 'category':
          await mirror(db.categories, index.categories, c.id, del ? null : (c.data as CachedCategory));
          break;
        case 'tax_class':
          await mirror(db.taxClasses, index.taxClasses, c.id, del ? null : (c.data as CachedTaxClass));
          break;
        case 'modifier_group':
          await mirror(db.modifierGroups, index.modifierGroups, c.id, del ? null : (c.data as CachedModifierGroup));
          break;
        case 'promotion':
          await mirror(db.promotions, index.promotions, c.id, del ? null : (c.data as CachedPromotion));
          break;
      }
    }
    await db.setMeta(K.cursor, page.nextCursor);
  });
  if (deletes.length) removeProducts(index, deletes);
  if (upserts.length) putProducts(index, upserts);
  if (!deletes.length && !upserts.length) index.version += 1;
}

/** Brings the cache up to date: the snapshot if there is none (or it was interrupted), then the feed. */
export async function syncCatalog(db: RegisterDb, index: CatalogIndex, fetcher: CatalogFetcher, onProgress?: (loaded: number) => void): Promise<number> {
  if (!(await db.getMeta<boolean>(K.snapshotDone))) await runSnapshot(db, index, fetcher, onProgress);
  let cursor = (await db.getMeta<number>(K.cursor)) ?? 0;
  for (;;) {
    const page = await fetcher.changes(cursor, PAGE);
    if (page.changes.length > 0 || page.nextCursor !== cursor) await applyChanges(db, index, page);
    cursor = page.nextCursor;
    if (!page.hasMore) return cursor;
  }
}
