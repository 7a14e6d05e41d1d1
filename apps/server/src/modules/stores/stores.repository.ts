import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import type { RegistersTable, StoresTable } from '../../platform/db/schema.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export type StoreRow = Selectable<StoresTable>;
export type RegisterRow = Selectable<RegistersTable>;

/** Stores the actor may see, scoped by organisation and store assignment. */
export async function listStoresFor(ctx: RequestContext): Promise<StoreRow[]> {
  const actor = ctx.actor!;
  let q = ctx.db.selectFrom('stores').selectAll().where('org_id', '=', actor.orgId);
  if (!actor.allStores) {
    if (actor.storeIds.length === 0) return [];
    q = q.where('id', 'in', actor.storeIds);
  }
  return q.orderBy('name').execute();
}

const storeById = preparedQuery(
  (db, p: { id: string; orgId: string }) => db.selectFrom('stores').selectAll().where('id', '=', p.id).where('org_id', '=', p.orgId),
  (p) => [p.id, p.orgId],
);

export async function findStore(ctx: RequestContext, id: string): Promise<StoreRow | undefined> {
  return (await storeById(ctx.db, { id, orgId: ctx.actor!.orgId }))[0];
}

const registerById = preparedQuery(
  (db, p: { id: string; orgId: string }) =>
    db
      .selectFrom('registers')
      .innerJoin('stores', 'stores.id', 'registers.store_id')
      .selectAll('registers')
      .where('registers.id', '=', p.id)
      .where('stores.org_id', '=', p.orgId),
  (p) => [p.id, p.orgId],
);

export async function findRegister(ctx: RequestContext, id: string): Promise<RegisterRow | undefined> {
  return (await registerById(ctx.db, { id, orgId: ctx.actor!.orgId }))[0];
}

export async function listRegisters(ctx: RequestContext, storeId: string): Promise<RegisterRow[]> {
  return ctx.db.selectFrom('registers').selectAll().where('store_id', '=', storeId).orderBy('name').execute();
}
