import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { createDatabase, type Database, type Dialect } from '../platform/db/database.js';

/**
 * Integration suites run once per database: always SQLite, and PostgreSQL when TEST_DATABASE_URL is
 * set. Under CI=true PostgreSQL is mandatory, so a missing URL fails loudly instead of skipping.
 */
export interface DbTarget {
  dialect: Dialect;
  /** A fresh, empty database (own SQLite file / own PostgreSQL database) and its cleanup. */
  create(): Promise<{ database: Database; cleanup(): Promise<void>; url?: string; dataDir?: string }>;
}

const pgUrl = process.env.TEST_DATABASE_URL;
let warned = false;

function sqliteTarget(): DbTarget {
  return {
    dialect: 'sqlite',
    async create() {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'opentill-test-'));
      const database = createDatabase({ dataDir });
      return {
        database,
        dataDir,
        cleanup: async () => {
          await database.destroy();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgresTarget(adminUrl: string): DbTarget {
  return {
    dialect: 'postgres',
    async create() {
      const name = `opentill_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = createDatabase({ databaseUrl: url.toString(), dataDir: tmpdir(), poolSize: 5 });
      return {
        database,
        url: url.toString(),
        cleanup: async () => {
          await database.destroy();
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  };
}

export function dbTargets(): DbTarget[] {
  if (!pgUrl) {
    if (process.env.CI === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite is mandatory in CI');
    if (!warned) {
      warned = true;
      console.warn('\n!!! TEST_DATABASE_URL is not set: PostgreSQL integration suites are SKIPPED (SQLite only) !!!\n');
    }
    return [sqliteTarget()];
  }
  return [sqliteTarget(), postgresTarget(pgUrl)];
}

/** `describe` once per database target, named "<title> [sqlite]" / "<title> [postgres]". */
export function describeEachDb(title: string, body: (target: DbTarget) => void): void {
  for (const target of dbTargets()) {
    describe(`${title} [${target.dialect}]`, () => body(target));
  }
}
