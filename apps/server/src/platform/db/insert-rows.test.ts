import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from './database.js';
import { insertRows } from './insert-rows.js';
import type { DB } from './schema.js';

// A scratch table, addressed through the DB type (the helper is typed on the real schema).
const T = 'ir_items' as 'shift_totals';
type Row = { shift_id: string; key: string; amount: number; count: number };

describe('insertRows (SQL text compiled once per shape)', () => {
  let database: Database;
  let dir: string;
  let db: Kysely<DB>;
  const all = async () => (await sql<Row>`select shift_id, key, amount, count from ir_items order by shift_id, key`.execute(db)).rows;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'opentill-insert-rows-'));
    database = createDatabase({ dataDir: dir });
    db = database.db;
    await sql`create table ir_items (shift_id text not null, key text not null, amount integer not null, count integer, primary key (shift_id, key))`.execute(db);
  });
  afterAll(async () => {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each call’s own values when the text is reused', async () => {
    await insertRows(db, T, [{ shift_id: 'a', key: 'x', amount: 1, count: 1 }, { shift_id: 'a', key: 'y', amount: 2, count: 1 }]);
    await insertRows(db, T, [{ shift_id: 'b', key: 'x', amount: 3, count: 1 }, { shift_id: 'b', key: 'y', amount: 4, count: 1 }]);
    expect(await all()).toEqual([
      { shift_id: 'a', key: 'x', amount: 1, count: 1 },
      { shift_id: 'a', key: 'y', amount: 2, count: 1 },
      { shift_id: 'b', key: 'x', amount: 3, count: 1 },
      { shift_id: 'b', key: 'y', amount: 4, count: 1 },
    ]);
  });

  it('handles rows that set different columns (the others stay empty)', async () => {
    await insertRows(db, T, [{ shift_id: 'c', key: 'x', amount: 5, count: 2 }, { shift_id: 'c', key: 'y', amount: 6 } as Row]);
    await insertRows(db, T, [{ shift_id: 'd', key: 'x', amount: 7 } as Row, { shift_id: 'd', key: 'y', amount: 8, count: 3 }]);
    expect((await all()).filter((r) => r.shift_id >= 'c')).toEqual([
      { shift_id: 'c', key: 'x', amount: 5, count: 2 },
      { shift_id: 'c', key: 'y', amount: 6, count: null },
      { shift_id: 'd', key: 'x', amount: 7, count: null },
      { shift_id: 'd', key: 'y', amount: 8, count: 3 },
    ]);
  });

  it('keeps ON CONFLICT and RETURNING of the shape, and never reuses a shape with parameters of its own', async () => {
    const add = (rows: Row[]) =>
      insertRows(db, T, rows, {
        name: 'add',
        build: (qb) =>
          qb
            .onConflict((oc) => oc.columns(['shift_id', 'key']).doUpdateSet((eb) => ({ amount: eb('ir_items.amount' as 'shift_totals.amount', '+', eb.ref('excluded.amount')) })))
            .returning(['key', 'amount']),
      });
    expect(await add([{ shift_id: 'e', key: 'x', amount: 10, count: 1 }])).toEqual([{ key: 'x', amount: 10 }]);
    expect(await add([{ shift_id: 'e', key: 'x', amount: 5, count: 1 }])).toEqual([{ key: 'x', amount: 15 }]);
    // The literal 99 is a parameter of the shape, not of the rows: compiled anew every time.
    const setTo = (amount: number) =>
      insertRows(db, T, [{ shift_id: 'f', key: 'x', amount, count: 1 }], {
        name: 'literal',
        build: (qb) => qb.onConflict((oc) => oc.columns(['shift_id', 'key']).doUpdateSet({ count: 99 })).returning(['amount', 'count']),
      });
    expect(await setTo(1)).toEqual([{ amount: 1, count: 1 }]);
    expect(await setTo(2)).toEqual([{ amount: 1, count: 99 }]);
    expect(await insertRows(db, T, [])).toEqual([]);
  });
});
