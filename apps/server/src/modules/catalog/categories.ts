import { uuidv7 } from '@opentill/core';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { CategoriesTable } from '../../platform/db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { categoryBody, categoryPatch } from './catalog.schema.js';
import { appendChange } from './change-log.js';

/** The category tree: each category has at most one parent; cycles are refused. */
export type CategoryRow = Selectable<CategoriesTable>;

export function presentCategory(c: CategoryRow) {
  return { id: c.id, parentId: c.parent_id, name: c.name, sortOrder: c.sort_order, updatedAt: c.updated_at };
}
export type CategoryView = ReturnType<typeof presentCategory>;

export async function listCategories(ctx: RequestContext): Promise<CategoryRow[]> {
  return ctx.db.selectFrom('categories').selectAll().where('org_id', '=', ctx.actor!.orgId).orderBy('sort_order').orderBy('name').orderBy('id').execute();
}

export async function findCategory(ctx: RequestContext, id: string): Promise<CategoryRow | undefined> {
  return ctx.db.selectFrom('categories').selectAll().where('id', '=', id).where('org_id', '=', ctx.actor!.orgId).executeTakeFirst();
}

/** The category and all its ancestors, nearest first (promotions target a category and its subtree). */
export function ancestorsOf(categoryId: string | null, byId: ReadonlyMap<string, { parent_id: string | null }>): string[] {
  const out: string[] = [];
  let id = categoryId;
  while (id && !out.includes(id)) {
    out.push(id);
    id = byId.get(id)?.parent_id ?? null;
  }
  return out;
}

export function unknownReference(what: string, field: string): AppError {
  return new AppError('not_found', 'not_found', `${what} not found`, { field });
}

async function assertParent(tx: RequestContext, id: string | null, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  const all = new Map((await listCategories(tx)).map((c) => [c.id, c]));
  if (!all.has(parentId)) throw unknownReference('Parent category', 'body.parentId');
  if (id && ancestorsOf(parentId, all).includes(id)) {
    throw invalid('category_cycle', 'A category cannot be moved below itself', { field: 'body.parentId' });
  }
}

export async function createCategory(ctx: RequestContext, input: z.infer<typeof categoryBody>) {
  return inTransaction(ctx, async (tx) => {
    await assertParent(tx, null, input.parentId);
    const now = iso(tx.clock.now());
    const row: CategoryRow = { id: uuidv7(), org_id: tx.actor!.orgId, parent_id: input.parentId, name: input.name, sort_order: input.sortOrder, created_at: now, updated_at: now };
    await tx.db.insertInto('categories').values(row).execute();
    await appendChange(tx, { type: 'category', id: row.id, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.category.create', entityType: 'category', entityId: row.id, after: presentCategory(row) });
    return presentCategory(row);
  });
}

export async function updateCategory(ctx: RequestContext, id: string, patch: z.infer<typeof categoryPatch>) {
  return inTransaction(ctx, async (tx) => {
    const before = await findCategory(tx, id);
    if (!before) throw notFound('Category');
    if (patch.parentId !== undefined) await assertParent(tx, id, patch.parentId);
    await tx.db
      .updateTable('categories')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.parentId !== undefined && { parent_id: patch.parentId }),
        ...(patch.sortOrder !== undefined && { sort_order: patch.sortOrder }),
        updated_at: iso(tx.clock.now()),
      })
      .where('id', '=', id)
      .execute();
    const after = (await findCategory(tx, id))!;
    await appendChange(tx, { type: 'category', id, op: 'upsert' });
    await recordAudit(tx, { action: 'catalog.category.update', entityType: 'category', entityId: id, before: presentCategory(before), after: presentCategory(after) });
    return presentCategory(after);
  });
}

/** Deletes an empty category (no subcategories, no products — archived ones included). */
export async function deleteCategory(ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await findCategory(tx, id);
    if (!before) throw notFound('Category');
    const child = await tx.db.selectFrom('categories').select('id').where('parent_id', '=', id).executeTakeFirst();
    const product = await tx.db.selectFrom('products').select('id').where('category_id', '=', id).executeTakeFirst();
    if (child || product) throw conflict('category_not_empty', 'Move its products and subcategories first', { field: 'params.id' });
    await tx.db.deleteFrom('categories').where('id', '=', id).execute();
    await appendChange(tx, { type: 'category', id, op: 'delete' });
    await recordAudit(tx, { action: 'catalog.category.delete', entityType: 'category', entityId: id, before: presentCategory(before) });
  });
}
