import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { isPermission, type Permission } from '../access/permissions.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export function parsePermissions(json: string): Permission[] {
  const list = JSON.parse(json) as string[];
  return list.filter(isPermission);
}

/** The user and role columns `userActor` builds an Actor from (besides the user's id). */
export const ACTOR_COLUMNS = ['users.org_id', 'users.name', 'users.all_stores', 'users.active', 'roles.builtin_key', 'roles.permissions'] as const;

/** Loads a staff member as an Actor (role permissions and store assignments), or undefined if inactive. */
export async function loadUserActor(db: Kysely<DB>, userId: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['users.id', ...ACTOR_COLUMNS])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.active !== 1) return undefined;
  return userActor({ ...row, user_id: row.id }, row.all_stores === 1 ? [] : await storeIdsOf(db, userId));
}

const storesOfUser = preparedQuery(
  (db, userId: string) => db.selectFrom('user_stores').select('store_id').where('user_id', '=', userId),
  (userId) => [userId],
);

export async function storeIdsOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  return (await storesOfUser(db, userId)).map((r) => r.store_id);
}

/** The Actor of an active user row (joined with its role). */
export function userActor(
  row: { user_id: string; org_id: string; name: string; all_stores: number; builtin_key: string | null; permissions: string },
  storeIds: string[],
): Actor {
  return {
    kind: 'user',
    id: row.user_id,
    orgId: row.org_id,
    name: row.name,
    userId: row.user_id,
    apiKeyId: null,
    roleKey: row.builtin_key,
    permissions: new Set(parsePermissions(row.permissions)),
    allStores: row.all_stores === 1,
    storeIds,
  };
}
