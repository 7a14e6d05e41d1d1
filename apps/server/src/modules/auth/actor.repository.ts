import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';
import { isPermission, type Permission } from '../access/permissions.js';

export function parsePermissions(json: string): Permission[] {
  const list = JSON.parse(json) as string[];
  return list.filter(isPermission);
}

/** Loads a staff member as an Actor (role permissions and store assignments), or undefined if inactive. */
export async function loadUserActor(db: Kysely<DB>, userId: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select([
      'users.id',
      'users.org_id',
      'users.name',
      'users.all_stores',
      'users.active',
      'roles.builtin_key',
      'roles.permissions',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.active !== 1) return undefined;
  const stores =
    row.all_stores === 1
      ? []
      : (await db.selectFrom('user_stores').select('store_id').where('user_id', '=', userId).execute()).map(
          (r) => r.store_id,
        );
  return {
    kind: 'user',
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    userId: row.id,
    apiKeyId: null,
    roleKey: row.builtin_key,
    permissions: new Set(parsePermissions(row.permissions)),
    allStores: row.all_stores === 1,
    storeIds: stores,
  };
}
