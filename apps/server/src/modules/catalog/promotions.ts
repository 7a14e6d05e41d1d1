import { PricingError, uuidv7, validatePricingInput, type Promotion } from '@opentill/core';
import type { Selectable } from 'kysely';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { PromotionsTable } from '../../platform/db/schema.js';
import { invalid, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertStoreAccess } from '../auth/authorize.js';
import { findStore } from '../stores/stores.repository.js';
import type { PromotionInput, PromotionPatch } from './catalog.schema.js';
import { unknownReference } from './categories.js';
import { appendChange } from './change-log.js';

/**
 * Store promotions. The definition is the core's `Promotion` (without id, stored as JSON), so the
 * server and the registers run exactly the same pricing code on it.
 */
export type PromotionRow = Selectable<PromotionsTable>;
type Definition = Omit<Promotion, 'id' | 'name'>;

export function presentPromotion(p: PromotionRow) {
  const d = JSON.parse(p.definition) as Definition;
  return {
    id: p.id,
    storeId: p.store_id,
    name: p.name,
    active: p.active === 1,
    startsAt: p.starts_at,
    endsAt: p.ends_at,
    priority: d.priority ?? 0,
    exclusive: d.exclusive ?? true,
    target: d.target ?? null,
    conditions: d.conditions ?? null,
    effect: d.effect,
    updatedAt: p.updated_at,
  };
}
export type PromotionView = ReturnType<typeof presentPromotion>;

const coreForms = new WeakMap<PromotionRow, Promotion>();

/**
 * The core form of a stored promotion. Rows held by the reference cache come back for every sale, so
 * the parsed form is kept with the row (the core's pricing never changes its input).
 */
export function toCorePromotion(p: PromotionRow): Promotion {
  let core = coreForms.get(p);
  if (!core) coreForms.set(p, (core = { ...(JSON.parse(p.definition) as Definition), id: p.id, name: p.name }));
  return core;
}

export async function findPromotion(ctx: RequestContext, id: string): Promise<PromotionRow | undefined> {
  return ctx.db.selectFrom('promotions').selectAll().where('id', '=', id).where('org_id', '=', ctx.actor!.orgId).executeTakeFirst();
}

export async function listPromotions(ctx: RequestContext, storeId: string, opts: { activeAt?: string; includeInactive?: boolean } = {}): Promise<PromotionRow[]> {
  let q = ctx.db.selectFrom('promotions').selectAll().where('store_id', '=', storeId).where('org_id', '=', ctx.actor!.orgId);
  if (!opts.includeInactive) q = q.where('active', '=', 1);
  if (opts.activeAt) {
    const at = opts.activeAt;
    q = q.where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', at)])).where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', at)]));
  }
  return q.orderBy('id').execute();
}

function definitionOf(input: Omit<PromotionPatch, 'name' | 'active' | 'startsAt' | 'endsAt'>, base?: Definition): Definition {
  const d: Definition = {
    priority: input.priority ?? base?.priority ?? 0,
    exclusive: input.exclusive ?? base?.exclusive ?? true,
    effect: input.effect ?? base!.effect,
    ...((input.target ?? base?.target) && { target: input.target ?? base?.target }),
    ...((input.conditions ?? base?.conditions) && { conditions: input.conditions ?? base?.conditions }),
  };
  // The core validator is the authority on a promotion; its field path maps onto the body.
  try {
    validatePricingInput({ settings: { currency: 'EUR', priceMode: 'gross' }, lines: [], promotions: [{ ...d, id: 'p' }] });
  } catch (err) {
    if (err instanceof PricingError) throw invalid(err.code, err.message, { field: `body.${err.field.replace(/^promotions\[0\]\./, '').replace(/\[(\d+)\]/g, '.$1')}` });
    throw err;
  }
  return d;
}

function assertWindow(startsAt: string | null, endsAt: string | null): void {
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    throw invalid('invalid_period', 'endsAt must be after startsAt', { field: 'body.endsAt' });
  }
}
const utc = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export async function createPromotion(ctx: RequestContext, input: PromotionInput): Promise<PromotionView> {
  assertStoreAccess(ctx, input.storeId);
  return inTransaction(ctx, async (tx) => {
    if (!(await findStore(tx, input.storeId))) throw unknownReference('Store', 'body.storeId');
    assertWindow(input.startsAt, input.endsAt);
    const now = iso(tx.clock.now());
    const row: PromotionRow = {
      id: uuidv7(),
      org_id: tx.actor!.orgId,
      store_id: input.storeId,
      name: input.name,
      definition: JSON.stringify(definitionOf(input)),
      active: input.active ? 1 : 0,
      starts_at: utc(input.startsAt),
      ends_at: utc(input.endsAt),
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('promotions').values(row).execute();
    await appendChange(tx, { type: 'promotion', id: row.id, op: row.active ? 'upsert' : 'delete', storeId: row.store_id });
    const after = presentPromotion(row);
    await recordAudit(tx, { action: 'catalog.promotion.create', storeId: row.store_id, entityType: 'promotion', entityId: row.id, after });
    return after;
  });
}

export async function updatePromotion(ctx: RequestContext, id: string, patch: PromotionPatch): Promise<PromotionView> {
  return inTransaction(ctx, async (tx) => {
    const before = await findPromotion(tx, id);
    if (!before) throw notFound('Promotion');
    assertStoreAccess(tx, before.store_id);
    const startsAt = patch.startsAt !== undefined ? utc(patch.startsAt) : before.starts_at;
    const endsAt = patch.endsAt !== undefined ? utc(patch.endsAt) : before.ends_at;
    assertWindow(startsAt, endsAt);
    const definition = definitionOf(patch, JSON.parse(before.definition) as Definition);
    const active = patch.active === undefined ? before.active : patch.active ? 1 : 0;
    await tx.db
      .updateTable('promotions')
      .set({ name: patch.name ?? before.name, definition: JSON.stringify(definition), active, starts_at: startsAt, ends_at: endsAt, updated_at: iso(tx.clock.now()) })
      .where('id', '=', id)
      .execute();
    const after = (await findPromotion(tx, id))!;
    await appendChange(tx, { type: 'promotion', id, op: active ? 'upsert' : 'delete', storeId: before.store_id });
    await recordAudit(tx, {
      action: 'catalog.promotion.update',
      storeId: before.store_id,
      entityType: 'promotion',
      entityId: id,
      before: presentPromotion(before),
      after: presentPromotion(after),
    });
    return presentPromotion(after);
  });
}
