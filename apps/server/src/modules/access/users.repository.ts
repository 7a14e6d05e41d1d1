import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import type { RolesTable, UsersTable } from '../../platform/db/schema.js';
import { parsePermissions } from '../auth/actor.repository.js';

export type UserRow = Selectable<UsersTable>;
export type RoleRow = Selectable<RolesTable>;

export function presentRole(r: RoleRow) {
  return { id: r.id, key: r.builtin_key, name: r.name, builtin: r.builtin_key !== null, permissions: parsePermissions(r.permissions) };
}

export async function presentUsers(ctx: RequestContext, users: UserRow[]) {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const roles = await ctx.db.selectFrom('roles').selectAll().where('id', 'in', [...new Set(users.map((u) => u.role_id))]).execute();
  const links = await ctx.db.selectFrom('user_stores').selectAll().where('user_id', 'in', ids).execute();
  const roleById = new Map(roles.map((r) => [r.id, r]));
  return users.map((u) => {
    const role = roleById.get(u.role_id)!;
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      roleId: u.role_id,
      role: role.builtin_key ?? role.name,
      permissions: parsePermissions(role.permissions),
      allStores: u.all_stores === 1,
      storeIds: u.all_stores === 1 ? [] : links.filter((l) => l.user_id === u.id).map((l) => l.store_id),
      active: u.active === 1,
      hasPin: u.pin_lookup !== null,
      hasPassword: u.password_hash !== null,
      createdAt: u.created_at,
    };
  });
}

export async function presentUser(ctx: RequestContext, user: UserRow) {
  return (await presentUsers(ctx, [user]))[0]!;
}

/** Users visible to the actor: all of the org for all-store actors, else those sharing a store. */
export async function listUsersFor(ctx: RequestContext, opts: { storeId?: string | undefined }) {
  const actor = ctx.actor!;
  let q = ctx.db.selectFrom('users').selectAll('users').where('users.org_id', '=', actor.orgId);
  const scope = opts.storeId ? [opts.storeId] : actor.allStores ? null : actor.storeIds;
  if (scope) {
    if (scope.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        eb('users.id', 'in', eb.selectFrom('user_stores').select('user_id').where('store_id', 'in', scope)),
        ...(opts.storeId ? [eb('users.all_stores', '=', 1)] : []),
      ]),
    );
  }
  return q.orderBy('users.name').execute();
}

export async function findUser(ctx: RequestContext, id: string) {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).where('org_id', '=', ctx.actor!.orgId).executeTakeFirst();
}

export async function findRole(ctx: RequestContext, id: string) {
  return ctx.db.selectFrom('roles').selectAll().where('id', '=', id).where('org_id', '=', ctx.actor!.orgId).executeTakeFirst();
}
