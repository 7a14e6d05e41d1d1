import type { Migration } from 'kysely';
import * as m0001 from './0001-platform.js';
import * as m0002 from './0002-catalog.js';
import * as m0003 from './0003-ledger.js';
import * as m0004 from './0004-sales.js';
import * as m0005 from './0005-receipts.js';
import * as m0006 from './0006-printing.js';
import * as m0007 from './0007-catalog-feed.js';

/**
 * The one migration set for SQLite and PostgreSQL. Forward-only: migrations have no `down`;
 * a released migration is never edited, a new one is appended with the next number.
 */
export const migrations: Record<string, Migration> = {
  '0001-platform': m0001,
  '0002-catalog': m0002,
  '0003-ledger': m0003,
  '0004-sales': m0004,
  '0005-receipts': m0005,
  '0006-printing': m0006,
  '0007-catalog-feed': m0007,
};
