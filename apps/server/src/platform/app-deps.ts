import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { EventBus } from './events/event-bus.js';
import type { Metrics } from './http/metrics.js';
import type { PaymentTerminalProvider } from '../modules/payments/payment-terminal.js';

/** Everything with a side effect that the HTTP app needs, chosen once at start (or by a test). */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  metrics: Metrics;
  /** Domain events (sale.completed, shift.closed, stock.changed, …), delivered after commit. */
  events: EventBus;
  /** The card terminal of each register (default: one SimulatedZvtTerminal per register). */
  paymentTerminals: PaymentTerminalProvider;
  /** Server-side pepper for PIN lookup hashes (kept in the database, shared by all servers). */
  pinPepper: string;
  rateLimits: { loginPerMinute: number; pinPerMinute: number };
  logger?: boolean | object;
}
