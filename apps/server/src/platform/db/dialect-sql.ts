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
