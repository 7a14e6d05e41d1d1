import { type Compilable, type InsertQueryBuilder, type InsertResult, type Insertable, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import { runCompiled } from './direct-sql.js';
import { rememberStatement } from './pg-named-statements.js';

type Shape<T extends keyof DB, R> = (qb: InsertQueryBuilder<DB, T, InsertResult>) => Compilable<R>;

/** SQL text by dialect (the adapter class) and statement shape. */
const texts = new WeakMap<object, Map<string, string>>();

/**
 * A multi-row INSERT whose SQL text is built by Kysely once per shape (table, columns, row count and
 * the named `shape` — ON CONFLICT / RETURNING) and then reused with new parameters. On the checkout
 * path Kysely's builder and compiler cost about as much as SQLite executing the insert; the text is
 * the same every time, only the values change.
 *
 * Reuse is safe because the first compile is checked: the text is cached only if Kysely's parameters
 * are exactly the rows' values, column by column and row by row — so a shape that adds parameters of
 * its own (a literal in ON CONFLICT) is simply never cached. Rows must all set the same columns
 * (undefined counts as not set); otherwise this is a plain Kysely insert.
 */
export async function insertRows<T extends keyof DB & string, R = never>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  shape?: { name: string; build: Shape<T, R> },
): Promise<R[]> {
  if (rows.length === 0) return [];
  const first = rows[0] as Record<string, unknown>;
  const columns = Object.keys(first).filter((c) => first[c] !== undefined);
  const uniform = rows.every((r) => {
    const row = r as Record<string, unknown>;
    let set = 0;
    for (const k in row) if (row[k] !== undefined) set++;
    return set === columns.length && columns.every((c) => row[c] !== undefined);
  });
  const params: unknown[] = [];
  for (const r of rows) for (const c of columns) params.push((r as Record<string, unknown>)[c]);
  const key = `${table}|${shape?.name ?? ''}|${rows.length}|${columns.join(',')}`;
  const adapter = db.getExecutor().adapter;
  let byShape = texts.get(adapter.constructor);
  if (!byShape) texts.set(adapter.constructor, (byShape = new Map()));
  const text = uniform ? byShape.get(key) : undefined;
  if (text !== undefined) return runCompiled<R>(db, text, params);
  const qb = db.insertInto(table).values(rows as Insertable<DB[T]>[]);
  const compiled = (shape ? shape.build(qb) : (qb as unknown as Compilable<R>)).compile();
  if (uniform && compiled.parameters.length === params.length && compiled.parameters.every((p, i) => p === params[i])) {
    byShape.set(key, compiled.sql);
    rememberStatement(compiled.sql);
  }
  return (await db.executeQuery<R>(compiled)).rows;
}
