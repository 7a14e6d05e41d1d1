import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { enableGroupCommit } from './group-commit.js';

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
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
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
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
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
