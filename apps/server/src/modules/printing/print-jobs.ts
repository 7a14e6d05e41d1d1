import { systemContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { buildSaleReceipt, renderEscPos } from '../receipts/index.js';
import { jobOptions, wakePrinterJobs, type DeliveryJob, type JobOutcome } from './delivery-queue.js';
import { DRAWER_KICK, mapStatus } from './printer-status.js';
import {
  findPrinterConfig,
  listPrinterConfigs,
  setPrinterStatus,
  type PrinterConfigRow,
} from './printers.repository.js';
import { readStatus, type PrinterTransport } from './printer-transport.js';

export interface WorkerEnv {
  db: Kysely<DB>;
  clock: Clock;
}

/**
 * A drawer pulse only makes sense while the customer stands at the till: a kick that waited for
 * an offline printer is dropped (a receipt printed late prints without opening the drawer), so the
 * drawer never pops open minutes later in front of nobody.
 */
export const DRAWER_WINDOW_MS = 60_000;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function bytesFor(
  job: DeliveryJob,
  printer: PrinterConfigRow,
  env: WorkerEnv,
  drawerAllowed: boolean,
): Promise<Uint8Array> {
  if (job.channel === 'drawer') return DRAWER_KICK;
  const opts = jobOptions(job);
  const ctx = systemContext(env.db, env.clock, job.org_id);
  const doc = await buildSaleReceipt(ctx, job.sale_id!, { copy: Boolean(opts.copy) });
  return renderEscPos(doc, {
    width: printer.width as 58 | 80,
    codepage: printer.codepage,
    openDrawer: Boolean(opts.openDrawer) && drawerAllowed,
  });
}

/** Connects, asks the printer's status, sends only when it is ready; records what it saw. */
export function printJobHandler(transport: PrinterTransport) {
  return async (job: DeliveryJob, env: WorkerEnv): Promise<JobOutcome> => {
    const printer = job.register_id ? await findPrinterConfig(env.db, job.register_id) : undefined;
    if (!printer) return { kind: 'failed', error: 'No printer is configured for this register' };
    const now = env.clock.now();
    const drawerAllowed = now.getTime() - Date.parse(job.created_at) <= DRAWER_WINDOW_MS;
    if (job.channel === 'drawer' && !drawerAllowed)
      return { kind: 'failed', error: 'Drawer kick expired while the printer was unreachable' };
    let bytes: Uint8Array;
    try {
      bytes = await bytesFor(job, printer, env, drawerAllowed);
    } catch (err) {
      return { kind: 'failed', error: `Receipt could not be rendered: ${message(err)}` };
    }

    let link;
    try {
      link = await transport.open({ host: printer.host, port: printer.port });
    } catch (err) {
      const error = `Printer ${printer.host}:${printer.port} unreachable: ${message(err)}`;
      await setPrinterStatus(env.db, printer.register_id, 'offline', error, env.clock.now());
      return { kind: 'retry', error };
    }
    try {
      const status = mapStatus(await readStatus(link));
      if (status.state !== 'ready') {
        await setPrinterStatus(env.db, printer.register_id, status.state, status.detail, env.clock.now());
        return { kind: 'retry', error: status.detail ?? status.state };
      }
      await link.write(bytes);
      await link.close();
      await setPrinterStatus(env.db, printer.register_id, 'ready', status.detail, env.clock.now());
      await wakePrinterJobs(env.db, printer.register_id, env.clock.now());
      return { kind: 'sent' };
    } catch (err) {
      const error = `Printing on ${printer.host}:${printer.port} failed: ${message(err)}`;
      await setPrinterStatus(env.db, printer.register_id, 'offline', error, env.clock.now());
      return { kind: 'retry', error };
    } finally {
      await link.close().catch(() => undefined);
    }
  };
}

/** Refreshes the status of every configured printer (so the register shows it between jobs). */
export async function probePrinters(transport: PrinterTransport, env: WorkerEnv): Promise<void> {
  const printers = await listPrinterConfigs(env.db);
  // A few at a time: an unreachable printer costs a connect timeout, so one by one would crawl.
  for (let i = 0; i < printers.length; i += 16) {
    await Promise.all(printers.slice(i, i + 16).map((p) => probePrinter(transport, env, p)));
  }
}

export async function probePrinter(
  transport: PrinterTransport,
  env: WorkerEnv,
  printer: PrinterConfigRow,
): Promise<void> {
  try {
    const link = await transport.open({ host: printer.host, port: printer.port });
    try {
      const status = mapStatus(await readStatus(link));
      await setPrinterStatus(env.db, printer.register_id, status.state, status.detail, env.clock.now());
      if (status.state === 'ready') await wakePrinterJobs(env.db, printer.register_id, env.clock.now());
    } finally {
      await link.close().catch(() => undefined);
    }
  } catch (err) {
    await setPrinterStatus(
      env.db,
      printer.register_id,
      'offline',
      `Printer ${printer.host}:${printer.port} unreachable: ${message(err)}`,
      env.clock.now(),
    );
  }
}
