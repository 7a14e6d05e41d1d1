import type { RequestContext } from '../../platform/context.js';
import { presentUser } from '../access/users.repository.js';
import { presentRegister, presentStore } from '../stores/store.presenter.js';

export async function loadMe(ctx: RequestContext, userId: string, where: { storeId: string; registerId: string } | null) {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const user = await presentUser(ctx, row);
  if (!where) return { user, store: null, register: null };
  const store = await ctx.db.selectFrom('stores').selectAll().where('id', '=', where.storeId).executeTakeFirstOrThrow();
  const register = await ctx.db.selectFrom('registers').selectAll().where('id', '=', where.registerId).executeTakeFirstOrThrow();
  return { user, store: presentStore(store), register: presentRegister(register) };
}
