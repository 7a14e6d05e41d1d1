import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { inTransaction, systemContext, type RequestContext } from '../context.js';
import { createDatabase, type Database } from './database.js';
import { directExec } from './direct-sql.js';
import { insertRows } from './insert-rows.js';
import { preparedQuery } from './prepared-query.js';

// gc_items is not part of the schema: the helpers are typed for DB tables, the SQL is the same.
type Loose = Parameters<typeof insertRows>[1];
const put = (tx: RequestContext, id: string, n: number) =>
  insertRows(tx.db, 'gc_items' as Loose, [{ id, name: n } as never], { name: 'returning', build: (qb) => qb.returning(['id' as never]) });
const byId = preparedQuery(
  (db, id: string) => db.selectFrom('gc_items' as 'stores').select(['id', 'name as n']).where('id', '=', id),
  (id) => [id],
);

describe('compiled statements run directly on the SQLite connection only where Kysely would run them at once', () => {
  let database: Database;
  let dir: string;
  let ctx: RequestContext;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opentill-direct-sql-'));
    database = createDatabase({ dataDir: dir });
    await sql`create table gc_items (id text primary key, name integer not null)`.execute(database.db);
    ctx = systemContext(database.db, new ManualClock(new Date('2026-11-27T09:00:00.000Z')));
    // First calls compile and keep the texts; later calls may run directly.
    await inTransaction(ctx, (tx) => put(tx, 'warm-1', 1));
    await inTransaction(ctx, (tx) => put(tx, 'warm-2', 2));
    await byId(database.db, 'warm-1');
    await byId(database.db, 'warm-2');
  });
  afterAll(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inside a group-commit transaction: direct; at the root only while no transaction is open', async () => {
    expect(directExec(database.db)).toBeDefined();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside: unknown;
    let rootDuring: unknown;
    const unit = inTransaction(ctx, async (tx) => {
      inside = directExec(tx.db);
      rootDuring = directExec(database.db);
      await gate;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await unit;
    expect(inside).toBeDefined();
    expect(rootDuring).toBeUndefined();
    expect(directExec(database.db)).toBeDefined();
  });

  it('a read at the root never sees rows of a transaction that is still open and then rolls back', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const unit = inTransaction(ctx, async (tx) => {
      expect(await put(tx, 'uncommitted', 1)).toEqual([{ id: 'uncommitted' }]);
      inserted();
      await gate;
      throw new Error('refused after writing');
    });
    await written;
    // Issued while the transaction holds the connection: it must wait for the rollback, not read into it.
    const read = byId(database.db, 'uncommitted');
    release();
    await expect(unit).rejects.toThrow('refused after writing');
    expect(await read).toEqual([]);
    expect(await byId(database.db, 'uncommitted')).toEqual([]);
  });

  it('writes made directly in a batched unit are undone with that unit only; its neighbours commit', async () => {
    const results = await Promise.allSettled(
      ['d1', 'd2', 'd3'].map((id, i) =>
        inTransaction(ctx, async (tx) => {
          const rows = await put(tx, id, i);
          if (id === 'd2') throw new Error('d2 refused');
          return rows;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<unknown>).value).toEqual([{ id: 'd1' }]);
    expect(await byId(database.db, 'd1')).toEqual([{ id: 'd1', n: 0 }]);
    expect(await byId(database.db, 'd2')).toEqual([]);
    expect(await byId(database.db, 'd3')).toEqual([{ id: 'd3', n: 2 }]);
  });
});
