import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { enableGroupCommit, WriterBusyError } from './group-commit.js';
import { registerDirectConnection, type DirectExec } from './direct-sql.js';
import { namedStatementPool } from './pg-named-statements.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Human-readable location for logs (file path or URL without password). */
  location: string;
  ping(): Promise<void>;
  destroy(): Promise<void>;
  /** Receives every query's duration (metrics); one observer, set by the app. */
  observeQueries(fn: QueryObserver): void;
}

export type QueryObserver = (durationMs: number, ok: boolean) => void;

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL: send the hot path's compiled statements as named prepared statements (default true). */
  pgPreparedStatements?: boolean;
  onQuery?: QueryObserver;
}

// int8 (count(*), sums) arrives as a string from pg; our values are always safe integers.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value out of safe range: ${v}`);
  return n;
});

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://<unparseable>';
  }
}

/**
 * Kysely's SQLite driver prepares every query anew; parsing dominates short queries (a scan lookup)
 * and huge IN lists alike. Statements are reusable, so keep the most recent ones by SQL text.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 500): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  const begin = beginImmediate(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        if (source === 'begin') return begin;
        let stmt = cache.get(source);
        if (stmt) {
          cache.delete(source);
        } else {
          stmt = prepare(source);
          if (cache.size >= size) cache.delete(cache.keys().next().value!);
        }
        cache.set(source, stmt);
        return stmt;
      };
    },
  });
}

/**
 * Kysely opens every SQLite transaction with a plain (deferred) `begin`. Every transaction here
 * writes, and when another process writes to the file too (an `opentill catalog import` or
 * `user create` next to the running server) a deferred transaction that read first and then wants
 * to write fails with SQLITE_BUSY_SNAPSHOT if the other process committed in between — no waiting
 * helps. `begin immediate` takes the write lock up front instead
 * (https://www.sqlite.org/lang_transaction.html). It does not wait for the lock either: the busy
 * handler would put the whole event loop to sleep, so a busy writer surfaces as `WriterBusyError` and
 * the group commit tries again a moment later while this process goes on serving requests.
 */
function beginImmediate(sqlite: SqliteDatabase.Database): SqliteDatabase.Statement {
  const stmt = sqlite.prepare('begin immediate');
  // Prepared once: sqlite.pragma() prepares its statement on every call (three per transaction).
  const current = sqlite.prepare('pragma busy_timeout').pluck();
  const setTo = new Map<number, SqliteDatabase.Statement>();
  const set = (ms: number) => {
    let st = setTo.get(ms);
    if (!st) setTo.set(ms, (st = sqlite.prepare(`pragma busy_timeout = ${Math.trunc(ms)}`)));
    st.get();
  };
  const run = (): SqliteDatabase.RunResult => {
    const timeout = current.get() as number;
    set(0);
    try {
      return stmt.run();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new WriterBusyError();
      throw err;
    } finally {
      set(timeout);
    }
  };
  // Kysely only looks at `reader` and calls `run`; nothing else of the statement is used for `begin`.
  return { reader: false, run } as unknown as SqliteDatabase.Statement;
}

/** Runs compiled SQL the way Kysely's SQLite driver does (reader → all, else run), timed like Kysely's log. */
function directSqlite(sqlite: SqliteDatabase.Database, observe: QueryObserver): DirectExec {
  return (text, params) => {
    const started = performance.now();
    let ok = false;
    try {
      const stmt = sqlite.prepare(text);
      const rows = stmt.reader ? (stmt.all(params) as unknown[]) : (stmt.run(params), []);
      ok = true;
      return rows;
    } finally {
      observe(performance.now() - started, ok);
    }
  };
}

export function createDatabase(opts: DatabaseOptions): Database {
  let observer: QueryObserver | undefined = opts.onQuery;
  const log = (event: LogEvent) => observer?.(event.queryDurationMillis, event.level === 'query');
  const observeQueries = (fn: QueryObserver) => {
    observer = fn;
  };

  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client erroring (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const dialect = new PostgresDialect({ pool: opts.pgPreparedStatements === false ? pool : namedStatementPool(pool) });
    const db = new Kysely<DB>({ dialect, log });
    return {
      db,
      dialect: 'postgres',
      location: redactUrl(opts.databaseUrl),
      ping: async () => {
        await pool.query('select 1');
      },
      destroy: () => db.destroy(),
      observeQueries,
    };
  }

  mkdirSync(opts.dataDir, { recursive: true });
  const file = path.resolve(opts.dataDir, 'opentill.sqlite');
  const sqlite = new SqliteDatabase(file);
  // WAL + synchronous=FULL: every committed transaction is fsynced, so a SIGKILL or power cut
  // loses nothing that was acknowledged (https://www.sqlite.org/pragma.html#pragma_synchronous).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Each group-commit unit runs in a savepoint, and SQLite keeps the pages a savepoint changes in a
  // sub-journal that spills to a temporary FILE past 64 KiB unless temp_store is MEMORY
  // (https://www.sqlite.org/tempfiles.html#statement_journals). A batch of 35 sales spilled, and the
  // server made ~107 pwrite() calls per sale instead of ~20: 1.21 × sales/s side by side at 50
  // registers. The sub-journal only serves ROLLBACK TO inside a transaction; crash safety is the WAL's.
  // Cost: temporary tables and sort spills of large report queries live in memory too.
  sqlite.pragma('temp_store = MEMORY');
  const cached = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cached }), log });
  registerDirectConnection(db, { exec: directSqlite(cached, (ms, ok) => observer?.(ms, ok)), inTransaction: () => sqlite.inTransaction });
  enableGroupCommit(db);
  return {
    db,
    dialect: 'sqlite',
    location: file,
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    destroy: () => db.destroy(),
    observeQueries,
  };
}
