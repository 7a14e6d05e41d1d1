import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import type { ReceiptLinksTable, ReceiptTemplatesTable } from '../../platform/db/schema.js';

export type ReceiptTemplateRow = Selectable<ReceiptTemplatesTable>;
export type ReceiptLinkRow = Selectable<ReceiptLinksTable>;

/** Reads for building receipts (names behind ids) and the receipts module's own tables. */

export async function findTemplate(ctx: RequestContext, storeId: string): Promise<ReceiptTemplateRow | undefined> {
  return ctx.db.selectFrom('receipt_templates').selectAll().where('store_id', '=', storeId).executeTakeFirst();
}

export async function saveTemplate(ctx: RequestContext, row: ReceiptTemplateRow): Promise<void> {
  const { store_id: _id, ...rest } = row;
  await ctx.db
    .insertInto('receipt_templates')
    .values(row)
    .onConflict((oc) => oc.column('store_id').doUpdateSet(rest))
    .execute();
}

/** A store by id regardless of the caller (the public receipt page acts for nobody). */
export async function storeById(ctx: RequestContext, id: string) {
  return ctx.db.selectFrom('stores').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function registerName(ctx: RequestContext, id: string): Promise<string> {
  const row = await ctx.db.selectFrom('registers').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? '';
}

export async function userName(ctx: RequestContext, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await ctx.db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

export async function modifierNames(ctx: RequestContext, optionIds: string[]): Promise<Map<string, string>> {
  if (optionIds.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('modifier_options').select(['id', 'name']).where('id', 'in', optionIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function receiptNoOf(ctx: RequestContext, saleId: string | null): Promise<string | null> {
  if (!saleId) return null;
  const row = await ctx.db.selectFrom('sales').select('receipt_no').where('id', '=', saleId).executeTakeFirst();
  return row?.receipt_no ?? null;
}

export async function cashMovementById(ctx: RequestContext, id: string) {
  return ctx.db
    .selectFrom('cash_movements')
    .innerJoin('stores', 'stores.id', 'cash_movements.store_id')
    .selectAll('cash_movements')
    .where('cash_movements.id', '=', id)
    .where('stores.org_id', '=', ctx.actor!.orgId)
    .executeTakeFirst();
}

export async function liveLinkOfSale(ctx: RequestContext, saleId: string): Promise<ReceiptLinkRow | undefined> {
  return ctx.db.selectFrom('receipt_links').selectAll().where('sale_id', '=', saleId).where('revoked_at', 'is', null).executeTakeFirst();
}

/**
 * Inserts a link unless the sale already has a live one (unique partial index; no exception, so this
 * is safe inside a PostgreSQL transaction). False → the caller re-reads the existing link.
 */
export async function insertLink(ctx: RequestContext, row: ReceiptLinkRow): Promise<boolean> {
  const res = await ctx.db
    .insertInto('receipt_links')
    .values(row)
    .onConflict((oc) => oc.column('sale_id').where('revoked_at', 'is', null).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findLink(ctx: RequestContext, token: string): Promise<ReceiptLinkRow | undefined> {
  return ctx.db.selectFrom('receipt_links').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function revokeLink(ctx: RequestContext, token: string, at: string): Promise<boolean> {
  const res = await ctx.db.updateTable('receipt_links').set({ revoked_at: at }).where('token', '=', token).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
