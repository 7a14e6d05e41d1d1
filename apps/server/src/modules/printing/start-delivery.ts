import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DB, DeliveryChannel } from '../../platform/db/schema.js';
import type { EventBus } from '../../platform/events/index.js';
import { DeliveryWorker, runPeriodically, type JobHandler, type PeriodicRunner } from './delivery-worker.js';
import { printJobHandler, probePrinter, probePrinters, type WorkerEnv } from './print-jobs.js';
import { findPrinterConfig } from './printers.repository.js';
import { TcpPrinterTransport, type PrinterTransport } from './printer-transport.js';
import { catchUpAutoPrints, subscribeAutoPrint } from './printing.service.js';

export interface DeliveryOptions {
  db: Kysely<DB>;
  clock: Clock;
  events: EventBus;
  /** Default: raw TCP. */
  transport?: PrinterTransport;
  /** Email/SMS handlers (from the notify module); print and drawer jobs are handled here. */
  handlers?: Partial<Record<DeliveryChannel, JobHandler>>;
  /** false: no timers — the caller drives `tick()`/`probe()` (tests). Default true. */
  timers?: boolean;
  pollMs?: number;
  probeMs?: number;
  workerId?: string;
  onError?: (err: unknown) => void;
}

export interface Delivery {
  worker: DeliveryWorker;
  tick(): Promise<number>;
  /** Asks every configured printer for its status. */
  probe(): Promise<void>;
  /** Queues automatic jobs that a crash between commit and event lost; returns how many. */
  catchUp(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Everything that leaves the server after a request: automatic receipts and drawer kicks on
 * completed sales, and the worker that sends the queue. Runs in every server process.
 */
export function startDelivery(opts: DeliveryOptions): Delivery {
  const env: WorkerEnv = { db: opts.db, clock: opts.clock };
  const onError = opts.onError ?? ((err: unknown) => console.error('delivery:', err));
  const transport = opts.transport ?? new TcpPrinterTransport();
  const print = printJobHandler(transport);
  const worker = new DeliveryWorker({
    env,
    handlers: { print, drawer: print, ...opts.handlers },
    ...(opts.workerId && { id: opts.workerId }),
    onError,
  });
  const unsubscribeAutoPrint = subscribeAutoPrint(opts.events, env, onError);
  // A new printer address is asked for its status at once, not at the next periodic probe.
  const unsubscribeConfigured = opts.events.subscribe('printer.configured', async (event) => {
    const registerId = (event.payload as { registerId?: string } | null)?.registerId;
    const printer = registerId ? await findPrinterConfig(env.db, registerId) : undefined;
    if (printer) await probePrinter(transport, env, printer).catch(onError);
  });
  const unsubscribe = () => {
    unsubscribeAutoPrint();
    unsubscribeConfigured();
  };
  const probe = () => probePrinters(transport, env);
  const catchUp = () => catchUpAutoPrints(env).then(() => undefined);
  let runner: PeriodicRunner | null = null;
  if (opts.timers !== false) {
    catchUp().catch(onError);
    runner = runPeriodically(worker, {
      pollMs: opts.pollMs ?? 2000,
      extra: [
        { everyMs: opts.probeMs ?? 30_000, run: probe },
        { everyMs: 60_000, run: catchUp },
      ],
      onError,
    });
  }
  return {
    worker,
    tick: () => worker.tick(),
    probe,
    catchUp: () => catchUpAutoPrints(env),
    async stop() {
      unsubscribe();
      await runner?.stop();
    },
  };
}
