import type pg from 'pg';

/**
 * PostgreSQL named prepared statements for the hot path. Kysely sends every query as an unnamed
 * statement, so PostgreSQL parses, analyses and plans it again each time; for the short statements of a
 * sale that is ~40 % of a statement's round trip (measured here on loopback: ~65–93 µs named against
 * ~130–150 µs unnamed). A sale is ~22 statements, and on one store the rows that number documents are
 * locked across most of them, so every saved round-trip microsecond is throughput too.
 *
 * Only texts that insert-rows.ts / prepared-query.ts compiled and verified once are named (see
 * `rememberStatement`): a finite set, one name per text for the life of the process, so a connection
 * never sees the same name with another text. Everything else stays unnamed. pg prepares a name once
 * per connection and reuses it (https://node-postgres.com/features/queries#prepared-statements).
 * Behind a pooler in transaction mode, prepared statements need PgBouncer ≥ 1.21 with
 * `max_prepared_statements` set; `OPENTILL_PG_PREPARED_STATEMENTS=false` turns them off.
 */
const names = new Map<string, string>();

/**
 * `select *`, `t.*` and `returning *`: the result's columns follow the table. A prepared statement
 * keeps its result type, so after a migration adds a column (a rolling upgrade: the new server
 * migrates while old ones still run) PostgreSQL refuses it ("cached plan must not change result
 * type") on every connection that prepared it. Such texts stay unnamed; explicit column lists and
 * plain inserts/updates are simply re-planned by PostgreSQL after a schema change.
 */
const columnsFollowTable = /\*\s*(,|from\b)|returning\s+\*/i;

/** Marks a compiled SQL text as reusable: PostgreSQL connections will prepare it once by name. */
export function rememberStatement(text: string): void {
  if (!names.has(text) && !columnsFollowTable.test(text)) names.set(text, `opentill_${names.size + 1}`);
}

const patched = Symbol('opentill.namedStatements');

type Query = (...args: unknown[]) => unknown;

/** A pool for Kysely's PostgresDialect whose clients send remembered texts as named statements. */
export function namedStatementPool(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop !== 'connect') return Reflect.get(target, prop, receiver) as unknown;
      return async () => {
        const client = await connect();
        const c = client as pg.PoolClient & { [patched]?: true };
        if (!c[patched]) {
          const query = c.query.bind(c) as Query;
          // Kysely calls query(sql, parameters); anything else (cursors, config objects) passes through.
          (c as unknown as { query: Query }).query = (...args: unknown[]) => {
            const [text, values] = args;
            const name = typeof text === 'string' && Array.isArray(values) && args.length === 2 ? names.get(text) : undefined;
            return name ? query({ name, text, values }) : query(...args);
          };
          c[patched] = true;
        }
        return client;
      };
    },
  });
}
