import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { Metrics } from './http/metrics.js';

/** Everything with a side effect that the HTTP app needs, chosen once at start (or by a test). */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  metrics: Metrics;
  /** Server-side pepper for PIN lookup hashes (kept in the database, shared by all servers). */
  pinPepper: string;
  rateLimits: { loginPerMinute: number; pinPerMinute: number };
  logger?: boolean | object;
}
