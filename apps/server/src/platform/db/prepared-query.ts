import type { Compilable, Kysely } from 'kysely';
import type { DB } from './schema.js';
import { runCompiled } from './direct-sql.js';
import { rememberStatement } from './pg-named-statements.js';

/**
 * A query on the hot path (every sale, every authenticated request) whose SQL text is built by Kysely
 * once and then reused with new parameters: building and compiling the query tree costs about as much
 * as SQLite answering a primary-key lookup.
 *
 * `params(p)` lists the values in the order Kysely binds them. That is checked, not trusted: the text
 * is kept only after a call whose values are all different from each other (so a wrong order cannot
 * pass by coincidence) compiled to exactly these parameters; a query that binds anything else (a
 * literal, a limit) is simply never reused. Texts are kept per dialect.
 */
export function preparedQuery<P, R>(
  build: (db: Kysely<DB>, p: P) => Compilable<R>,
  params: (p: P) => unknown[],
): (db: Kysely<DB>, p: P) => Promise<R[]> {
  const texts = new WeakMap<object, string | null>();
  return async (db, p) => {
    const dialect = db.getExecutor().adapter.constructor;
    const text = texts.get(dialect);
    const values = params(p);
    if (text) return runCompiled<R>(db, text, values);
    const compiled = build(db, p).compile();
    if (text === undefined && new Set(values).size === values.length) {
      const same = compiled.parameters.length === values.length && compiled.parameters.every((v, i) => v === values[i]);
      texts.set(dialect, same ? compiled.sql : null);
      if (same) rememberStatement(compiled.sql);
    }
    return (await db.executeQuery(compiled)).rows;
  };
}
