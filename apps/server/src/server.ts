import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { buildApp } from './app.js';
import { loadPinPepper } from './platform/bootstrap.js';
import { systemClock } from './platform/clock.js';
import { createDatabase, type Database } from './platform/db/database.js';
import { migrateToLatest, pendingMigrations } from './platform/db/migrate.js';
import { InProcessEventBus } from './platform/events/index.js';
import { createMetrics } from './platform/http/metrics.js';
import { simulatedTerminals } from './modules/payments/index.js';
import { notifyHandlers } from './modules/notify/index.js';
import { startDelivery } from './modules/printing/index.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  migrate: boolean;
  onReady?: (database: Database, pepper: string) => Promise<void>;
  rateLimits?: { loginPerMinute: number; pinPerMinute: number };
}

export async function startServer(config: Config, opts: StartOptions): Promise<RunningServer> {
  const metrics = createMetrics();
  const database = createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    pgPreparedStatements: config.pgPreparedStatements,
  });
  if (opts.migrate) await migrateToLatest(database);
  else {
    const pending = await pendingMigrations(database);
    if (pending.length) throw new Error(`Database needs migrations (${pending.join(', ')}); run "opentill migrate"`);
  }
  const pinPepper = await loadPinPepper(database.db);
  await opts.onReady?.(database, pinPepper);
  const events = new InProcessEventBus();
  const app = await buildApp({
    config,
    database,
    clock: systemClock,
    metrics,
    events,
    // No real terminal adapter is configured yet: every register gets the ZVT simulator.
    paymentTerminals: simulatedTerminals(),
    pinPepper,
    rateLimits: opts.rateLimits ?? config.rateLimits,
  });
  // Receipts, drawer kicks, emails and SMS leave through the persistent queue; every server runs a worker.
  const delivery = startDelivery({
    db: database.db,
    clock: systemClock,
    events,
    handlers: notifyHandlers(config),
    onError: (err) => app.log.error({ err }, 'delivery failed'),
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  return {
    app,
    database,
    url,
    close: async () => {
      await delivery.stop();
      await app.close();
      await database.destroy();
    },
  };
}
