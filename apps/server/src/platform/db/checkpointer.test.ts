import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';

describe('background WAL checkpoints (worker thread)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'opentill-checkpointer-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the log back while the writer never checkpoints, and the writer then reuses the log instead of growing it', async () => {
    const file = path.join(dir, 'a.sqlite');
    const db = new SqliteDatabase(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (id integer primary key, body text not null)');
    const insert = db.prepare('insert into t (body) values (?)');
    const write = (rows: number) =>
      db.transaction(() => {
        for (let i = 0; i < rows; i++) insert.run('x'.repeat(2000));
      })();
    write(1500); // ~3 MB: far past SQLite's 1,000-page mark, which this connection ignores
    const grown = statSync(`${file}-wal`).size;
    const done: { log: number; checkpointed: number }[] = [];
    const cp = startCheckpointer({ file, intervalMs: 20, onCheckpoint: (r) => done.push(r) });
    try {
      for (let i = 0; i < 200 && !done.some((r) => r.log > 0 && r.checkpointed === r.log); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(done.some((r) => r.log > 0 && r.checkpointed === r.log)).toBe(true);
      // Everything is in the database file now: the next transaction starts the log over.
      write(100);
      expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(grown);
      expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 1600 });
    } finally {
      await cp.stop();
      db.close();
    }
  });

  it('reports a failure (the server then checkpoints in COMMIT again)', async () => {
    const errors: string[] = [];
    const cp = startCheckpointer({ file: dir, intervalMs: 20, onError: (m) => errors.push(m) });
    for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await cp.stop();
    expect(errors.length).toBeGreaterThan(0);
  });
});
