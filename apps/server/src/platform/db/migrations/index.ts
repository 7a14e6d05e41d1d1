import type { Migration } from 'kysely';
import * as m0001 from './0001-platform.js';
import * as m0002 from './0002-catalog.js';

/**
 * The one migration set for SQLite and PostgreSQL. Forward-only: migrations have no `down`;
 * a released migration is never edited, a new one is appended with the next number.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-catalog': m0002,
};
