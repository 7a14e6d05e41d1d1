import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** The one place for SQL that differs between SQLite and PostgreSQL. */
export function isPostgres(db: Pick<Kysely<unknown>, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `column starts with prefix`, case-sensitive, using the column's index on both databases:
 * SQLite's LIKE is case-insensitive and skips indexes, but its BINARY collation makes a range
 * (>= p, < p + U+FFFF) exact; PostgreSQL's collation may ignore U+FFFF, so it gets LIKE.
 */
export function startsWith(db: Kysely<unknown>, column: string, prefix: string): RawBuilder<boolean> {
  if (isPostgres(db)) return sql<boolean>`${sql.ref(column)} like ${`${escapeLike(prefix)}%`} escape '\\'`;
  return sql<boolean>`(${sql.ref(column)} >= ${prefix} and ${sql.ref(column)} < ${`${prefix}\uffff`})`;
}

function errorCode(err: unknown): string {
  return String((err as { code?: unknown } | null)?.code ?? '');
}

/** A write refused by a UNIQUE or PRIMARY KEY constraint (PostgreSQL 23505, SQLite's extended codes). */
export function isUniqueViolation(err: unknown): boolean {
  const code = errorCode(err);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A write refused by a FOREIGN KEY constraint. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = errorCode(err);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
