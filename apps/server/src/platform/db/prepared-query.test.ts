import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from './database.js';
import { preparedQuery } from './prepared-query.js';

describe('preparedQuery (SQL text compiled once, parameters checked)', () => {
  let database: Database;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opentill-prepared-query-'));
    database = createDatabase({ dataDir: dir });
    await sql`create table pq_stores (id text primary key, org_id text not null, name text not null)`.execute(database.db);
    await sql`insert into pq_stores values ('s1', 'o1', 'Berlin'), ('s2', 'o1', 'Hamburg'), ('s3', 'o2', 'Wien'), ('o1', 'o1', 'same as org')`.execute(database.db);
  });
  afterAll(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  // The scratch table is addressed through the schema's `stores` type.
  const T = 'pq_stores' as 'stores';
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  it('answers every call with its own parameters', async () => {
    const byId = preparedQuery(
      (db, p: { id: string; orgId: string }) => db.selectFrom(T).select('name').where('id', '=', p.id).where('org_id', '=', p.orgId),
      (p) => [p.id, p.orgId],
    );
    expect(names(await byId(database.db, { id: 's1', orgId: 'o1' }))).toEqual(['Berlin']);
    expect(names(await byId(database.db, { id: 's2', orgId: 'o1' }))).toEqual(['Hamburg']);
    expect(names(await byId(database.db, { id: 's3', orgId: 'o1' }))).toEqual([]);
    expect(names(await byId(database.db, { id: 's3', orgId: 'o2' }))).toEqual(['Wien']);
  });

  it('never reuses a text whose parameters were listed in the wrong order, even if the first call could not tell', async () => {
    const wrongOrder = preparedQuery(
      (db, p: { id: string; orgId: string }) => db.selectFrom(T).select('name').where('id', '=', p.id).where('org_id', '=', p.orgId),
      (p) => [p.orgId, p.id],
    );
    // id = org id: the order cannot be checked on this call, so nothing is kept yet.
    expect(names(await wrongOrder(database.db, { id: 'o1', orgId: 'o1' }))).toEqual(['same as org']);
    expect(names(await wrongOrder(database.db, { id: 's1', orgId: 'o1' }))).toEqual(['Berlin']);
    expect(names(await wrongOrder(database.db, { id: 's3', orgId: 'o2' }))).toEqual(['Wien']);
  });

  it('never reuses a query that binds values of its own (a limit)', async () => {
    const firstOfOrg = preparedQuery(
      (db, orgId: string) => db.selectFrom(T).select('name').where('org_id', '=', orgId).orderBy('id').limit(1),
      (orgId) => [orgId],
    );
    expect(names(await firstOfOrg(database.db, 'o1'))).toEqual(['same as org']);
    expect(names(await firstOfOrg(database.db, 'o2'))).toEqual(['Wien']);
  });
});
