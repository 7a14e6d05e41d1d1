// "Direct replay" for the checkout benchmark: the SQL statements one POST /api/v1/sales executes,
// captured from an in-process instance of the real app (built dist, same database), then executed
// again straight on better-sqlite3 / pg with fresh ids and sequence numbers.
//
// What the replay includes: exactly the statements the server ran for one sale, in the same order,
// with the same transaction boundaries (the idempotency-key lookup and the session/device/user
// look-ups before BEGIN, then BEGIN … COMMIT), the same SQL text and parameter shapes (JSON columns
// of the same size), on the same database file / PostgreSQL database the HTTP server uses, with the
// same pragmas (WAL, synchronous=FULL: one fsync per commit) and the same single SQLite connection.
// Values a statement reads from an earlier one in the same sale (store_seq and the journal sequence
// from UPDATE … RETURNING) are taken from the replay's own results, so numbering stays gap-free
// and unique under concurrency, and row locks are held just as long as the statements take.
//
// What it leaves out: HTTP parsing and serialisation, authentication logic, Zod validation, pricing,
// payment planning, the presenter, the journal's canonical JSON + SHA-256 (the replay writes the
// captured hash text again, so the replayed journal chain does not verify — the database is thrown
// away), event publishing and every await between statements. On PostgreSQL each replayed register
// keeps one dedicated connection; the server takes a pooled connection per statement outside
// transactions (pool size DATABASE_POOL_SIZE, default 10). So: the replay is the engine's limit for
// this statement mix, not an achievable server target.
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { setImmediate } from 'node:timers';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { Samples } from './stats.mjs';

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A Kysely dialect that records { sql, params, rows } of every statement while `sink.on` is true. */
class CapturingDialect {
  constructor(inner, sink) {
    this.inner = inner;
    this.sink = sink;
  }
  createAdapter() {
    return this.inner.createAdapter();
  }
  createQueryCompiler() {
    return this.inner.createQueryCompiler();
  }
  createIntrospector(db) {
    return this.inner.createIntrospector(db);
  }
  createDriver() {
    const d = this.inner.createDriver();
    const sink = this.sink;
    const wrap = (conn) => ({
      inner: conn,
      async executeQuery(cq) {
        const res = await conn.executeQuery(cq);
        if (sink.on) sink.statements.push({ sql: cq.sql, params: [...cq.parameters], rows: res.rows ?? [] });
        return res;
      },
      streamQuery: (cq, chunkSize) => conn.streamQuery(cq, chunkSize),
    });
    return {
      init: () => d.init(),
      acquireConnection: async () => wrap(await d.acquireConnection()),
      beginTransaction: (c, s) => d.beginTransaction(c, s),
      commitTransaction: (c) => d.commitTransaction(c),
      rollbackTransaction: (c) => d.rollbackTransaction(c),
      savepoint: (c, n, q) => d.savepoint(c, n, q),
      rollbackToSavepoint: (c, n, q) => d.rollbackToSavepoint(c, n, q),
      releaseSavepoint: (c, n, q) => d.releaseSavepoint(c, n, q),
      releaseConnection: (c) => d.releaseConnection(c.inner),
      destroy: () => d.destroy(),
    };
  }
}

/** A `Database` (apps/server/src/platform/db/database.ts shape) whose Kysely records statements into `sink`. */
export function capturingDatabase({ databaseUrl, sqliteFile, sink }) {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => undefined);
    const db = new Kysely({ dialect: new CapturingDialect(new PostgresDialect({ pool }), sink) });
    return {
      db,
      dialect: 'postgres',
      location: 'capture',
      ping: async () => undefined,
      destroy: () => db.destroy(),
      observeQueries: () => undefined,
    };
  }
  const sqlite = new SqliteDatabase(sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely({ dialect: new CapturingDialect(new SqliteDialect({ database: sqlite }), sink) });
  return {
    db,
    dialect: 'sqlite',
    location: sqliteFile,
    ping: async () => undefined,
    destroy: () => db.destroy(),
    observeQueries: () => undefined,
  };
}

/** Builds the app from dist (like bench/catalog.bench.mjs) on a capturing database. */
export async function buildCapturingApp(root, { databaseUrl, sqliteFile }) {
  const mod = (p) => import(new URL(`file://${join(root, p)}`).href);
  await mod('apps/server/dist/platform/db/database.js'); // pg int8 parser, as in the server
  const { buildApp } = await mod('apps/server/dist/app.js');
  const { parseConfig } = await mod('apps/server/dist/config.js');
  const { createMetrics } = await mod('apps/server/dist/platform/http/metrics.js');
  const { InProcessEventBus } = await mod('apps/server/dist/platform/events/index.js');
  const { simulatedTerminals } = await mod('apps/server/dist/modules/payments/index.js');
  const { loadPinPepper } = await mod('apps/server/dist/platform/bootstrap.js');
  const { systemClock } = await mod('apps/server/dist/platform/clock.js');
  const sink = { on: false, statements: [] };
  const database = capturingDatabase({ databaseUrl, sqliteFile, sink });
  const app = await buildApp({
    config: parseConfig({ LOG_LEVEL: 'silent', OPENTILL_WEB_DIR: '/nonexistent' }),
    database,
    clock: systemClock,
    metrics: createMetrics(),
    events: new InProcessEventBus(),
    paymentTerminals: simulatedTerminals(),
    pinPepper: await loadPinPepper(database.db),
    rateLimits: { loginPerMinute: 100_000, pinPerMinute: 100_000 },
    logger: false,
  });
  await app.ready();
  return {
    app,
    /** Runs `fn` and returns its result plus the statements executed meanwhile. */
    async capture(fn) {
      sink.statements = [];
      sink.on = true;
      try {
        const result = await fn();
        await new Promise((r) => setImmediate(r)); // after-commit work, if any
        return { result, statements: sink.statements };
      } finally {
        sink.on = false;
      }
    },
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

function uuidsOf(statements) {
  const set = new Set();
  for (const s of statements)
    for (const p of s.params) if (typeof p === 'string') for (const m of p.matchAll(UUID_RE)) set.add(m[0]);
  return set;
}

const same = (x, y) =>
  x === y || (x != null && y != null && typeof x !== 'object' && String(x) === String(y));

/**
 * A replay template from two captured sales A and B of the same register (seqA/seqB: their register
 * sequence numbers). Parameters equal in both are constants; UUIDs that occur only in A are per-sale
 * ids (fresh for every replayed sale, consistently across statements and inside JSON text); values
 * equal to a column an earlier statement returned in both A and B are references; the register
 * sequence number is bound. Other per-sale text (timestamps, receipt number, hashes) keeps A's value.
 */
export function buildTemplate(A, B, seqA, seqB) {
  if (A.length !== B.length || A.some((s, i) => s.sql !== B[i].sql)) {
    const i = A.findIndex((s, k) => s.sql !== B[k]?.sql);
    throw new Error(
      `two sales ran different statements (${A.length} vs ${B.length}; first difference at #${i}: ${A[i]?.sql} | ${B[i]?.sql})`,
    );
  }
  const inB = uuidsOf(B);
  const slots = new Map();
  for (const u of uuidsOf(A)) if (!inB.has(u)) slots.set(u, slots.size);
  const findRef = (i, a, b) => {
    for (let k = i - 1; k >= 0; k--) {
      const ra = A[k].rows;
      const rb = B[k].rows;
      for (let r = 0; r < Math.min(ra.length, rb.length); r++) {
        for (const col of Object.keys(ra[r]))
          if (same(ra[r][col], a) && same(rb[r][col], b)) return { kind: 'ref', stmt: k, row: r, col };
      }
    }
    return null;
  };
  const statements = A.map((s, i) => ({
    sql: s.sql,
    params: s.params.map((a, j) => {
      const b = B[i].params[j];
      if (same(a, b) && !(typeof a === 'string' && slots.has(a))) return { kind: 'const', value: a };
      const ref = findRef(i, a, b);
      if (ref) return ref;
      if (typeof a === 'number' && a === seqA && b === seqB) return { kind: 'seq' };
      if (typeof a === 'string') {
        if (slots.has(a)) return { kind: 'id', slot: slots.get(a) };
        const parts = [];
        let last = 0;
        for (const m of a.matchAll(UUID_RE)) {
          if (!slots.has(m[0])) continue;
          parts.push(a.slice(last, m.index), slots.get(m[0]));
          last = m.index + m[0].length;
        }
        parts.push(a.slice(last));
        return parts.length === 1 ? { kind: 'const', value: a } : { kind: 'text', parts };
      }
      throw new Error(
        `statement #${i} parameter ${j} differs between sales and is not understood (${JSON.stringify(a)} vs ${JSON.stringify(b)}): ${s.sql}`,
      );
    }),
  }));
  const inTx = (() => {
    const begin = statements.findIndex((s) => /^\s*begin/i.test(s.sql));
    const commit = statements.findIndex((s) => /^\s*commit/i.test(s.sql));
    return begin >= 0 && commit > begin ? commit - begin - 1 : 0;
  })();
  return { statements, slots: slots.size, total: statements.length, inTransaction: inTx };
}

function bindParams(tpl, ids, seq, results) {
  return (stmt) =>
    stmt.params.map((p) => {
      switch (p.kind) {
        case 'const':
          return p.value;
        case 'id':
          return ids[p.slot];
        case 'seq':
          return seq;
        case 'ref':
          return results[p.stmt][p.row][p.col];
        case 'text': {
          let s = '';
          for (const part of p.parts) s += typeof part === 'number' ? ids[part] : part;
          return s;
        }
        default:
          throw new Error(`unknown parameter kind ${p.kind}`);
      }
    });
}

/** SQLite replayer on the server's database file, with the server's pragmas; one connection. */
export function sqliteReplayer(file, uuid) {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  const prepared = new Map();
  const prep = (sql) => {
    let st = prepared.get(sql);
    if (!st) prepared.set(sql, (st = db.prepare(sql)));
    return st;
  };
  const EMPTY = [];
  return {
    /** One sale, synchronously (better-sqlite3 is synchronous; the server serialises on one connection too). */
    execSale(tpl, seq) {
      const ids = Array.from({ length: tpl.slots }, () => uuid());
      const results = [];
      const bind = bindParams(tpl, ids, seq, results);
      try {
        for (const stmt of tpl.statements) {
          const st = prep(stmt.sql);
          const params = bind(stmt);
          if (st.reader) results.push(st.all(params));
          else {
            st.run(params);
            results.push(EMPTY);
          }
        }
      } catch (err) {
        if (db.inTransaction) db.prepare('rollback').run();
        throw err;
      }
    },
    /**
     * Several sales the way the server's group commit runs them (platform/db/group-commit.ts): each
     * sale's reads before the transaction, then ONE `begin` … `commit` holding every sale's writes, each
     * in its own savepoint, then each sale's statements after the commit. Same statements, same order
     * within a sale, one fsync per batch — the engine's limit for the server's durability rule.
     */
    execBatch(items) {
      const runs = items.map(({ tpl, seq }) => {
        const ids = Array.from({ length: tpl.slots }, () => uuid());
        const results = [];
        return { tpl, results, bind: bindParams(tpl, ids, seq, results) };
      });
      const exec = (run, stmt) => {
        const st = prep(stmt.sql);
        const params = run.bind(stmt);
        if (st.reader) run.results.push(st.all(params));
        else {
          st.run(params);
          run.results.push(EMPTY);
        }
      };
      const phase = (run, from, to) => {
        for (let k = from; k < to; k++) exec(run, run.tpl.statements[k]);
      };
      const bounds = (tpl) => {
        const b = tpl.statements.findIndex((x) => /^\s*begin/i.test(x.sql));
        const c = tpl.statements.findIndex((x) => /^\s*commit/i.test(x.sql));
        return [b, c];
      };
      try {
        for (const run of runs) phase(run, 0, bounds(run.tpl)[0]);
        prep('begin immediate').run();
        for (const run of runs) {
          const [b, c] = bounds(run.tpl);
          run.results.push(EMPTY); // the template's `begin`
          prep('savepoint group_commit').run();
          phase(run, b + 1, c);
          prep('release savepoint group_commit').run();
          run.results.push(EMPTY); // the template's `commit`
        }
        prep('commit').run();
        for (const run of runs) phase(run, bounds(run.tpl)[1] + 1, run.tpl.statements.length);
      } catch (err) {
        if (db.inTransaction) db.prepare('rollback').run();
        throw err;
      }
    },
    count: (sql) => db.prepare(sql).pluck().get(),
    close: () => db.close(),
  };
}

/** PostgreSQL replayer: one dedicated connection per replayed register. */
export function pgReplayer(databaseUrl, uuid) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 60 });
  pool.on('error', () => undefined);
  return {
    connect: () => pool.connect(),
    async execSale(client, tpl, seq) {
      const ids = Array.from({ length: tpl.slots }, () => uuid());
      const results = [];
      const bind = bindParams(tpl, ids, seq, results);
      try {
        for (const stmt of tpl.statements) results.push((await client.query(stmt.sql, bind(stmt))).rows);
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      }
    },
    async count(sql) {
      const r = await pool.query(sql);
      return Number(Object.values(r.rows[0])[0]);
    },
    close: () => pool.end(),
  };
}

/**
 * N closed loops for `durationSec`; `exec(i)` runs one sale of register i (`sync`: returns when done,
 * else a promise). Latency is measured from the moment a register issues its sale (right after its previous one finished), so
 * waiting for the single SQLite connection counts, as it does for the HTTP server.
 */
export async function closedLoopReplay({ n, durationSec, exec, sync = false, execBatch = null }) {
  if (execBatch) {
    // Group commit like the server: sales asked for during one event-loop turn run as one batch.
    let queue = [];
    const drain = () => {
      const batch = queue;
      queue = [];
      try {
        execBatch(batch.map((q) => q.i));
        for (const q of batch) q.resolve();
      } catch (err) {
        for (const q of batch) q.reject(err);
      }
    };
    exec = (i) =>
      new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(drain);
        queue.push({ i, resolve, reject });
      });
    sync = false;
  }
  const latencies = new Samples();
  let count = 0;
  let error = null;
  const started = performance.now();
  const until = started + durationSec * 1000;
  const loops = Array.from({ length: n }, async (_, i) => {
    let t0 = performance.now();
    while (!error && performance.now() < until) {
      try {
        // A synchronous engine: queue behind the other registers first (one event-loop turn each).
        if (sync) await new Promise((res) => setImmediate(res));
        if (error) return;
        const r = exec(i);
        if (!sync) await r;
      } catch (err) {
        error ??= err;
        return;
      }
      const t1 = performance.now();
      latencies.push(t1 - t0);
      count++;
      t0 = t1;
    }
  });
  await Promise.all(loops);
  if (error) throw error;
  const seconds = (performance.now() - started) / 1000;
  return { count, salesPerSec: count / seconds, seconds, latencies: latencies.sorted() };
}
