import type { RequestContext } from '../../platform/context.js';
import type { StoreRow } from '../stores/stores.repository.js';
import { listCategories, presentCategory } from './categories.js';
import { currentSeq, listChanges, type ChangeType } from './change-log.js';
import { listModifierGroups } from './modifiers.js';
import { loadRegisterProducts } from './register-products.js';
import { listPromotions, presentPromotion } from './promotions.js';
import { effectiveTaxClasses } from './tax-classes.js';

/**
 * What offline registers sync from: a paged snapshot of everything they need, and a change feed
 * after its cursor. Each change carries the entity's *current* data (prices of the asked store
 * only) or null when it is gone (deleted, archived, deactivated) — replaying the feed in order over
 * a snapshot always converges to the server's state, however often a page is fetched again.
 */

export interface Change {
  seq: number;
  type: ChangeType;
  op: 'upsert' | 'delete';
  id: string;
  data: unknown;
}

async function currentData(
  ctx: RequestContext,
  store: StoreRow,
  type: ChangeType,
  ids: string[],
  range: { since: number; until: number },
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (ids.length === 0) return out;
  switch (type) {
    case 'product': {
      for (const p of await loadRegisterProducts(ctx, store.id, { changedSince: range.since, changedUntil: range.until })) out.set(p.id, p);
      break;
    }
    case 'category':
      for (const c of await listCategories(ctx)) if (ids.includes(c.id)) out.set(c.id, presentCategory(c));
      break;
    case 'tax_class':
      for (const t of await effectiveTaxClasses(ctx, [store.country])) out.set(t.id, t);
      break;
    case 'modifier_group':
      for (const g of await listModifierGroups(ctx, ids)) out.set(g.id, g);
      break;
    case 'promotion':
      for (const p of await listPromotions(ctx, store.id)) if (ids.includes(p.id)) out.set(p.id, presentPromotion(p));
      break;
  }
  return out;
}

export async function catalogChanges(ctx: RequestContext, store: StoreRow, opts: { since: number; limit: number }) {
  const rows = await listChanges(ctx, { storeId: store.id, since: opts.since, limit: opts.limit + 1 });
  const hasMore = rows.length > opts.limit;
  const page = rows.slice(0, opts.limit);
  const byType = new Map<ChangeType, string[]>();
  for (const r of page) (byType.get(r.entity_type) ?? byType.set(r.entity_type, []).get(r.entity_type)!).push(r.entity_id);
  const data = new Map<ChangeType, Map<string, unknown>>();
  const range = { since: opts.since, until: page.length ? Number(page.at(-1)!.seq) : opts.since };
  for (const [type, ids] of byType) data.set(type, await currentData(ctx, store, type, [...new Set(ids)], range));
  const changes: Change[] = [];
  for (const r of page) {
    // Tax classes of other countries do not concern this store's registers.
    if (r.entity_type === 'tax_class' && !r.entity_id.startsWith(`${store.country}:`)) continue;
    const current = data.get(r.entity_type)?.get(r.entity_id) ?? null;
    changes.push({ seq: Number(r.seq), type: r.entity_type, op: current === null ? 'delete' : 'upsert', id: r.entity_id, data: current });
  }
  const last = page.at(-1);
  return { changes, nextCursor: last ? Number(last.seq) : opts.since, hasMore };
}

/**
 * A page of the register snapshot (active products in id order, keyset-paged by `after`). The first
 * page also carries tax classes, categories, modifier groups and the store's promotions, and its
 * `cursor` is where the change feed continues (read before the data, so nothing is missed).
 */
export async function catalogSnapshot(ctx: RequestContext, store: StoreRow, opts: { after?: string | undefined; limit: number }) {
  const cursor = await currentSeq(ctx);
  const first = !opts.after;
  const rows = await loadRegisterProducts(ctx, store.id, { after: opts.after, limit: opts.limit + 1 });
  const hasMore = rows.length > opts.limit;
  const page = rows.slice(0, opts.limit);
  return {
    storeId: store.id,
    currency: store.currency,
    cursor,
    products: page,
    nextAfter: hasMore ? page.at(-1)!.id : null,
    hasMore,
    taxClasses: first ? await effectiveTaxClasses(ctx, [store.country]) : null,
    categories: first ? (await listCategories(ctx)).map(presentCategory) : null,
    modifierGroups: first ? await listModifierGroups(ctx) : null,
    promotions: first ? (await listPromotions(ctx, store.id)).map(presentPromotion) : null,
  };
}
