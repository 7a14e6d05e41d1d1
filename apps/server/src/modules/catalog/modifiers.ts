import { uuidv7 } from '@opentill/core';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { ModifierGroupsTable, ModifierOptionsTable } from '../../platform/db/schema.js';
import { invalid, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { modifierGroupBody, modifierGroupPatch } from './catalog.schema.js';
import { unknownReference } from './categories.js';
import { appendChange } from './change-log.js';

/** Hospitality modifiers ("oat milk +0.50"): groups of options with a price delta, linked to products. */
type GroupRow = Selectable<ModifierGroupsTable>;
type OptionRow = Selectable<ModifierOptionsTable>;

export function presentModifierGroup(g: GroupRow, options: OptionRow[]) {
  return {
    id: g.id,
    name: g.name,
    minSelect: g.min_select,
    maxSelect: g.max_select,
    options: options.filter((o) => o.active === 1).map((o) => ({ id: o.id, name: o.name, priceDelta: o.price_delta })),
    updatedAt: g.updated_at,
  };
}
export type ModifierGroupView = ReturnType<typeof presentModifierGroup>;

export async function listModifierGroups(ctx: RequestContext, ids?: readonly string[]): Promise<ModifierGroupView[]> {
  if (ids && ids.length === 0) return [];
  let q = ctx.db.selectFrom('modifier_groups').selectAll().where('org_id', '=', ctx.actor!.orgId);
  if (ids) q = q.where('id', 'in', [...ids]);
  const groups = await q.orderBy('name').orderBy('id').execute();
  if (groups.length === 0) return [];
  const options = await ctx.db.selectFrom('modifier_options').selectAll().where('group_id', 'in', groups.map((g) => g.id)).orderBy('sort_order').execute();
  return groups.map((g) => presentModifierGroup(g, options.filter((o) => o.group_id === g.id)));
}

async function groupView(tx: RequestContext, id: string): Promise<ModifierGroupView> {
  const [view] = await listModifierGroups(tx, [id]);
  if (!view) throw notFound('Modifier group');
  return view;
}

function assertRange(min: number, max: number): void {
  if (min > max) throw invalid('invalid_selection_range', 'minSelect must not exceed maxSelect', { field: 'body.minSelect' });
}

export async function createModifierGroup(ctx: RequestContext, input: z.infer<typeof modifierGroupBody>) {
  assertRange(input.minSelect, input.maxSelect);
  return inTransaction(ctx, async (tx) => {
    const now = iso(tx.clock.now());
    const id = uuidv7();
    await tx.db.insertInto('modifier_groups').values({ id, org_id: tx.actor!.orgId, name: input.name, min_select: input.minSelect, max_select: input.maxSelect, created_at: now, updated_at: now }).execute();
    await tx.db
      .insertInto('modifier_options')
      .values(input.options.map((o, i) => ({ id: uuidv7(), group_id: id, name: o.name, price_delta: o.priceDelta, sort_order: i, active: 1 as const })))
      .execute();
    const after = await groupView(tx, id);
    await appendChange(tx, { type: 'modifier_group', id, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.modifier_group.create', entityType: 'modifier_group', entityId: id, after });
    return after;
  });
}

/** Options are never deleted (sales will name them): the ones left out are retired. */
export async function updateModifierGroup(ctx: RequestContext, id: string, patch: z.infer<typeof modifierGroupPatch>) {
  return inTransaction(ctx, async (tx) => {
    const before = await groupView(tx, id);
    assertRange(patch.minSelect ?? before.minSelect, patch.maxSelect ?? before.maxSelect);
    const now = iso(tx.clock.now());
    if (patch.options) {
      const existing = await tx.db.selectFrom('modifier_options').select('id').where('group_id', '=', id).execute();
      const known = new Set(existing.map((o) => o.id));
      for (const [i, o] of patch.options.entries()) {
        if (o.id && !known.has(o.id)) throw unknownReference('Modifier option', `body.options.${i}.id`);
      }
      await tx.db.updateTable('modifier_options').set({ active: 0 }).where('group_id', '=', id).execute();
      for (const [i, o] of patch.options.entries()) {
        if (o.id) {
          await tx.db.updateTable('modifier_options').set({ name: o.name, price_delta: o.priceDelta, sort_order: i, active: 1 }).where('id', '=', o.id).execute();
        } else {
          await tx.db.insertInto('modifier_options').values({ id: uuidv7(), group_id: id, name: o.name, price_delta: o.priceDelta, sort_order: i, active: 1 }).execute();
        }
      }
    }
    await tx.db
      .updateTable('modifier_groups')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.minSelect !== undefined && { min_select: patch.minSelect }),
        ...(patch.maxSelect !== undefined && { max_select: patch.maxSelect }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const after = await groupView(tx, id);
    await appendChange(tx, { type: 'modifier_group', id, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.modifier_group.update', entityType: 'modifier_group', entityId: id, before, after });
    return after;
  });
}
