import type { RequestContext } from '../../platform/context.js';
import type { StoreRow } from '../stores/stores.repository.js';
import { listCategories, type CategoryRow } from './categories.js';
import { currentSeq } from './change-log.js';
import { listPromotions, type PromotionRow } from './promotions.js';
import { effectiveTaxClasses, type TaxClassView } from './tax-classes.js';

/**
 * What pricing needs besides the basket's products — the category tree, the store country's tax
 * classes and the store's active promotions — cached per store and validated on every use against
 * the organisation's catalog sequence number. Every change to those tables appends to the catalog
 * change log (categories, tax classes, promotions, CSV import), so one indexed read replaces three
 * queries per sale, and several stateless servers stay correct: each checks the shared counter.
 * Never filled inside a transaction: a rolled-back change would leave data behind under a
 * sequence number that a later change reuses.
 */
export interface CatalogReference {
  seq: number;
  categories: Map<string, CategoryRow>;
  taxClasses: TaxClassView[];
  /** Active promotions of the store, whatever their time window (filter with `promotionsAt`). */
  promotions: PromotionRow[];
}

const MAX_ENTRIES = 500;
const cache = new Map<string, CatalogReference>();

export async function catalogReference(ctx: RequestContext, store: StoreRow): Promise<CatalogReference> {
  const seq = await currentSeq(ctx);
  const hit = cache.get(store.id);
  if (hit && hit.seq === seq) return hit;
  const ref: CatalogReference = {
    seq,
    categories: new Map((await listCategories(ctx)).map((c) => [c.id, c])),
    taxClasses: await effectiveTaxClasses(ctx, [store.country]),
    promotions: await listPromotions(ctx, store.id),
  };
  if (!ctx.db.isTransaction) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(store.id, ref);
  }
  return ref;
}

/** The promotions whose time window contains `at` (ISO UTC, compared as text like the SQL filter did). */
export function promotionsAt(ref: CatalogReference, at: string): PromotionRow[] {
  return ref.promotions.filter((p) => (p.starts_at === null || p.starts_at <= at) && (p.ends_at === null || p.ends_at > at));
}
