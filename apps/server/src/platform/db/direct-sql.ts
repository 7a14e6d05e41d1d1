import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Runs SQL text that Kysely already compiled (see insert-rows.ts, prepared-query.ts) straight on the
 * SQLite connection, without Kysely's executor, connection provider and log (~3 µs per statement,
 * measured: 4.3–4.9 µs through Kysely against 1.6–1.8 µs direct for a primary-key lookup; a sale runs
 * ~20 statements).
 *
 * Only where it is the same as going through Kysely: SQLite has one connection, and Kysely lends it
 * to one transaction at a time. So a statement runs directly either inside the group commit's own
 * transaction (the Kysely `Transaction` object it lent out, see group-commit.ts), or on the root
 * instance while no transaction is open on the connection — then Kysely would run it at once too. A
 * root-level statement while a transaction is open goes through Kysely and waits for COMMIT as before,
 * so it never sees uncommitted rows. PostgreSQL never runs directly (it has a pool).
 * Kysely also lends the connection to `stream()` and `connection()` scopes across awaits; the server
 * uses neither (a direct statement while a row iterator is open would fail with "connection is busy"),
 * so a new use of them must check `directExec` here first.
 */
export type DirectExec = (text: string, params: readonly unknown[]) => unknown[];

interface Connection {
  exec: DirectExec;
  inTransaction: () => boolean;
}

const roots = new WeakMap<object, Connection>();
const lent = new WeakMap<object, DirectExec>();

/** The SQLite connection behind this Kysely instance (set once, by createDatabase). */
export function registerDirectConnection(db: Kysely<DB>, connection: Connection): void {
  roots.set(db, connection);
}

/** Marks `trx` as the transaction that holds the connection of `root`, until `release` is called. */
export function lendDirect(root: Kysely<DB>, trx: Kysely<DB>): () => void {
  const conn = roots.get(root);
  if (!conn) return () => undefined;
  lent.set(trx, conn.exec);
  return () => lent.delete(trx);
}

/** A direct executor for `db` if running on it directly is safe right now (see above), else undefined. */
export function directExec(db: Kysely<DB>): DirectExec | undefined {
  const inTrx = lent.get(db);
  if (inTrx) return inTrx;
  const root = roots.get(db);
  return root && !root.inTransaction() ? root.exec : undefined;
}

/** Runs a compiled text that was checked against Kysely's own compile: directly when safe, else through Kysely. */
export async function runCompiled<R>(db: Kysely<DB>, text: string, params: readonly unknown[]): Promise<R[]> {
  const direct = directExec(db);
  if (direct) return direct(text, params) as R[];
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
}
