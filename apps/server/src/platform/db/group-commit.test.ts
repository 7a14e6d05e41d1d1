import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { inTransaction, systemContext, type RequestContext } from '../context.js';
import { createDatabase, type Database } from './database.js';
import SqliteDatabase from 'better-sqlite3';
import { GroupCommit, groupCommitOf, WriterBusyError } from './group-commit.js';

describe('SQLite group commit', () => {
  let database: Database;
  let dir: string;
  let ctx: RequestContext;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opentill-group-commit-'));
    database = createDatabase({ dataDir: dir });
    await sql`create table gc_items (id text primary key, n integer not null)`.execute(database.db);
    ctx = systemContext(database.db, new ManualClock(new Date('2026-11-27T09:00:00.000Z')));
  });
  afterAll(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = async () => Number((await sql<{ c: number }>`select count(*) as c from gc_items`.execute(database.db)).rows[0]!.c);
  const insert = (tx: RequestContext, id: string, n: number) => sql`insert into gc_items (id, n) values (${id}, ${n})`.execute(tx.db);

  it('is on for SQLite', () => {
    expect(groupCommitOf(database.db)).toBeDefined();
  });

  it('commits concurrent transactions together, and a failing one is rolled back alone with its error', async () => {
    const before = await count();
    const afterCommit: string[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(ctx, async (tx) => {
          await insert(tx, `a${i}`, i);
          tx.afterCommit!.push(() => afterCommit.push(`a${i}`));
          if (i % 10 === 7) {
            await insert(tx, `b${i}`, i);
            throw new Error(`unit ${i} refused`);
          }
          return i;
        }),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([7, 17, 27, 37]);
    expect((results[7] as PromiseRejectedResult).reason.message).toBe('unit 7 refused');
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual(
      Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 10 !== 7),
    );
    expect(await count()).toBe(before + 36);
    const rows = (await sql<{ id: string }>`select id from gc_items where id like 'b%'`.execute(database.db)).rows;
    expect(rows).toEqual([]);
    // After-commit work runs only for the units that committed.
    expect(afterCommit.sort()).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 10 !== 7).map((i) => `a${i}`).sort());
  });

  it('a constraint error in one unit does not disturb the units batched with it', async () => {
    await inTransaction(ctx, (tx) => insert(tx, 'dup', 1));
    const results = await Promise.allSettled([
      inTransaction(ctx, (tx) => insert(tx, 'c1', 1)),
      inTransaction(ctx, (tx) => insert(tx, 'dup', 2)),
      inTransaction(ctx, (tx) => insert(tx, 'c2', 2)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    const ids = (await sql<{ id: string; n: number }>`select id, n from gc_items where id in ('c1', 'c2', 'dup') order by id`.execute(database.db)).rows;
    expect(ids).toEqual([
      { id: 'c1', n: 1 },
      { id: 'c2', n: 2 },
      { id: 'dup', n: 1 },
    ]);
  });

  it('waits for another process that holds the write lock without stopping this one, then commits', async () => {
    // Another writer on the same file, e.g. `opentill catalog import` next to the running server.
    const other = new SqliteDatabase(path.join(dir, 'opentill.sqlite'));
    try {
      other.exec('begin immediate');
      other.prepare("insert into gc_items (id, n) values ('other', 1)").run();
      const waitsBefore = groupCommitOf(database.db)!.stats.lockWaits;
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const done = inTransaction(ctx, async (tx) => {
        const n = (await sql<{ c: number }>`select count(*) as c from gc_items`.execute(tx.db)).rows[0]!.c;
        await insert(tx, 'after-other', n);
        return 'committed';
      });
      await new Promise((resolve) => setTimeout(resolve, 120));
      clearInterval(timer);
      // The event loop kept turning while the transaction waited (the busy handler would have slept).
      expect(ticks).toBeGreaterThan(5);
      expect(groupCommitOf(database.db)!.stats.lockWaits).toBeGreaterThan(waitsBefore);
      other.exec('commit');
      await expect(done).resolves.toBe('committed');
      // It read after the other writer committed: its snapshot includes the other row.
      const rows = (await sql<{ id: string }>`select id from gc_items where id in ('other', 'after-other') order by id`.execute(database.db)).rows;
      expect(rows.map((r) => r.id)).toEqual(['after-other', 'other']);
      // Every `begin immediate` sets busy_timeout to 0 for itself only: other statements still wait.
      expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(database.db)).rows).toEqual([{ timeout: 5000 }]);
    } finally {
      if (other.inTransaction) other.exec('rollback');
      other.close();
    }
  });

  it('gives up after its lock wait with a "database busy" error, and nothing of the unit is written', async () => {
    const other = new SqliteDatabase(path.join(dir, 'opentill.sqlite'));
    try {
      other.exec('begin immediate');
      const group = new GroupCommit(database.db, 64, 60);
      const result = group.run((trx) => sql`insert into gc_items (id, n) values ('never', 1)`.execute(trx));
      await expect(result).rejects.toBeInstanceOf(WriterBusyError);
      other.exec('rollback');
      expect((await sql`select id from gc_items where id = 'never'`.execute(database.db)).rows).toEqual([]);
    } finally {
      if (other.inTransaction) other.exec('rollback');
      other.close();
    }
  });
});
