import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test-support/test-db.js';
import { createDatabase, type Database } from './database.js';
import { preparedQuery } from './prepared-query.js';

// nx_items is not part of the schema: the helper is typed for DB tables, the SQL is the same.
const byId = preparedQuery(
  (db, p: { id: string; n: number }) => db.selectFrom('nx_items' as 'stores').select(['id', 'name as n']).where('id', '=', p.id).where('name', '=', String(p.n)),
  (p) => [p.id, String(p.n)],
);

const allOf = preparedQuery(
  (db, id: string) => db.selectFrom('nx_items' as 'stores').selectAll().where('id', '=', id),
  (id) => [id],
);

const prepared = (database: Database) =>
  database.db.transaction().execute(async (trx) => {
    // Same connection as the lookup just before it: the session's prepared statements.
    await byId(trx, { id: 'b', n: 2 });
    return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx)).rows;
  });

describeEachDb('hot-path statements on PostgreSQL are prepared once per connection, by name', (target) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let url: string | undefined;

  beforeAll(async () => {
    ({ database, cleanup, url } = await target.create());
    await sql`create table nx_items (id text primary key, name text not null)`.execute(database.db);
    await sql`insert into nx_items (id, name) values ('a', '1'), ('b', '2')`.execute(database.db);
  });
  afterAll(() => cleanup());

  it('answers exactly as before, first compiled by Kysely and then from the kept text', async () => {
    expect(await byId(database.db, { id: 'a', n: 1 })).toEqual([{ id: 'a', n: '1' }]);
    expect(await byId(database.db, { id: 'b', n: 2 })).toEqual([{ id: 'b', n: '2' }]);
    expect(await byId(database.db, { id: 'b', n: 3 })).toEqual([]);
    if (target.dialect !== 'postgres') return;

    const named = (await prepared(database)).filter((s) => s.statement.includes('"nx_items"'));
    expect(named).toHaveLength(1);
    expect(named[0]!.name).toMatch(/^opentill_\d+$/);
  });

  if (target.dialect === 'postgres') {
    it('keeps `select *` unnamed, so a column added by a newer server (rolling upgrade) breaks nothing', async () => {
      // One connection, so a statement prepared before the ALTER is the one asked after it.
      const one = createDatabase({ databaseUrl: url!, dataDir: tmpdir(), poolSize: 1 });
      try {
        await allOf(one.db, 'a');
        expect(await allOf(one.db, 'b')).toEqual([{ id: 'b', name: '2' }]);
        expect(await byId(one.db, { id: 'a', n: 1 })).toEqual([{ id: 'a', n: '1' }]);
        await sql`alter table nx_items add column extra text`.execute(one.db);
        expect(await allOf(one.db, 'b')).toEqual([{ id: 'b', name: '2', extra: null }]);
        expect(await byId(one.db, { id: 'a', n: 1 })).toEqual([{ id: 'a', n: '1' }]);
        const statements = (await prepared(one)).map((s) => s.statement);
        expect(statements.some((t) => t.includes('"nx_items"') && t.includes('"name" as "n"'))).toBe(true);
        expect(statements.some((t) => t.includes('select *'))).toBe(false);
      } finally {
        await sql`alter table nx_items drop column if exists extra`.execute(one.db);
        await one.destroy();
      }
    });

    it('can be turned off (OPENTILL_PG_PREPARED_STATEMENTS=false): nothing is prepared', async () => {
      const plain = createDatabase({ databaseUrl: url!, dataDir: tmpdir(), poolSize: 1, pgPreparedStatements: false });
      try {
        expect(await byId(plain.db, { id: 'a', n: 1 })).toEqual([{ id: 'a', n: '1' }]);
        expect(await prepared(plain)).toEqual([]);
      } finally {
        await plain.destroy();
      }
    });
  }
});
