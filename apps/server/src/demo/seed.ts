import { uuidv7 } from '@opentill/core';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { iso } from '../platform/clock.js';
import { systemContext } from '../platform/context.js';
import type { DB } from '../platform/db/schema.js';
import { BUILTIN_ROLES, type BuiltinRoleKey } from '../modules/access/permissions.js';
import { createUser } from '../modules/access/users.service.js';
import { recordAudit } from '../modules/audit/audit.repository.js';
import { seedDemoCatalog } from './demo-catalog.js';

export const DEMO = {
  store: 'Demo Store Berlin',
  registers: ['Kasse 1', 'Kasse 2'],
  owner: { email: 'owner@example.com', password: 'opentill-demo', name: 'Olivia Owner' },
  manager: { name: 'Maria', pin: '9999' },
  cashier: { name: 'Chris', pin: '1234' },
} as const;

/** The organisation of this installation, created with its built-in roles on first use. */
export async function ensureOrganization(db: Kysely<DB>, clock: Clock, name = 'My Shop'): Promise<string> {
  const existing = await db.selectFrom('organizations').select('id').orderBy('created_at').executeTakeFirst();
  if (existing) return existing.id;
  const now = iso(clock.now());
  const orgId = uuidv7();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organizations').values({ id: orgId, name, created_at: now }).execute();
    for (const [key, role] of Object.entries(BUILTIN_ROLES)) {
      await trx
        .insertInto('roles')
        .values({ id: uuidv7(), org_id: orgId, builtin_key: key, name: role.name, permissions: JSON.stringify(role.permissions), created_at: now, updated_at: now })
        .execute();
    }
  });
  return orgId;
}

export async function roleId(db: Kysely<DB>, orgId: string, key: BuiltinRoleKey): Promise<string> {
  const row = await db.selectFrom('roles').select('id').where('org_id', '=', orgId).where('builtin_key', '=', key).executeTakeFirstOrThrow();
  return row.id;
}

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Demo data (README "Demo data"); only ever created on request and only into an empty database. */
export async function seedDemo(db: Kysely<DB>, clock: Clock, pepper: string): Promise<{ seeded: boolean }> {
  if (!(await isEmpty(db))) return { seeded: false };
  const orgId = await ensureOrganization(db, clock, 'Demo Bakery GmbH');
  const ctx = systemContext(db, clock, orgId);
  const now = iso(clock.now());
  const storeId = uuidv7();
  await db
    .insertInto('stores')
    .values({
      id: storeId,
      org_id: orgId,
      name: DEMO.store,
      address_line1: 'Oranienstraße 25',
      address_line2: '',
      postal_code: '10999',
      city: 'Berlin',
      country: 'DE',
      vat_id: 'DE123456789',
      tax_number: '29/123/45678',
      currency: 'EUR',
      time_zone: 'Europe/Berlin',
      locale: 'de-DE',
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const name of DEMO.registers) {
    await db.insertInto('registers').values({ id: uuidv7(), store_id: storeId, name, pin_failures: 0, pin_locked_until: null, created_at: now, updated_at: now }).execute();
  }
  const opts = { pepper, trusted: true };
  await createUser(ctx, { name: DEMO.owner.name, email: DEMO.owner.email, password: DEMO.owner.password, roleId: await roleId(db, orgId, 'owner'), allStores: true, storeIds: [] }, opts);
  await createUser(ctx, { name: DEMO.manager.name, pin: DEMO.manager.pin, roleId: await roleId(db, orgId, 'manager'), allStores: false, storeIds: [storeId] }, opts);
  await createUser(ctx, { name: DEMO.cashier.name, pin: DEMO.cashier.pin, roleId: await roleId(db, orgId, 'cashier'), allStores: false, storeIds: [storeId] }, opts);
  await seedDemoCatalog(ctx, storeId);
  await recordAudit(ctx, { action: 'system.seed_demo', storeId, details: { store: DEMO.store } });
  return { seeded: true };
}
