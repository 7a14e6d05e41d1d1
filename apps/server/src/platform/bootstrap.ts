import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';

/** Reads (or creates once, race-safe across servers) the installation's PIN pepper. */
export async function loadPinPepper(db: Kysely<DB>): Promise<string> {
  await db
    .insertInto('app_secrets')
    .values({ key: 'pin_pepper', value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('app_secrets').select('value').where('key', '=', 'pin_pepper').executeTakeFirstOrThrow();
  return row.value;
}
