import type { Kysely } from 'kysely';
import { iso } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import type { DB, PrinterConfigsTable, PrinterState } from '../../platform/db/schema.js';
import type { PrinterConfigInput } from './printing.schema.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export type PrinterConfigRow = PrinterConfigsTable;

export async function findPrinterConfig(
  db: Kysely<DB>,
  registerId: string,
): Promise<PrinterConfigRow | undefined> {
  return (await printerOfRegister(db, registerId))[0];
}

const printerOfRegister = preparedQuery(
  (db, registerId: string) => db.selectFrom('printer_configs').selectAll().where('register_id', '=', registerId),
  (registerId) => [registerId],
);

export async function upsertPrinterConfig(
  ctx: RequestContext,
  registerId: string,
  storeId: string,
  input: PrinterConfigInput,
): Promise<PrinterConfigRow> {
  const now = iso(ctx.clock.now());
  const existing = await findPrinterConfig(ctx.db, registerId);
  const endpointChanged = !existing || existing.host !== input.host || existing.port !== input.port;
  const row: PrinterConfigRow = {
    register_id: registerId,
    store_id: storeId,
    host: input.host,
    port: input.port,
    width: input.width,
    codepage: input.codepage,
    auto_print: input.autoPrint ? 1 : 0,
    // A different printer's last state says nothing about the new one.
    status: endpointChanged ? 'unknown' : existing.status,
    last_error: endpointChanged ? null : existing.last_error,
    status_at: endpointChanged ? null : existing.status_at,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  if (existing) {
    const { register_id: _id, created_at: _c, ...changes } = row;
    await ctx.db.updateTable('printer_configs').set(changes).where('register_id', '=', registerId).execute();
  } else {
    await ctx.db.insertInto('printer_configs').values(row).execute();
  }
  return row;
}

export async function setPrinterStatus(
  db: Kysely<DB>,
  registerId: string,
  state: PrinterState,
  error: string | null,
  at: Date,
): Promise<void> {
  await db
    .updateTable('printer_configs')
    .set({ status: state, last_error: error, status_at: iso(at) })
    .where('register_id', '=', registerId)
    .execute();
}

export async function listPrinterConfigs(db: Kysely<DB>, limit = 500): Promise<PrinterConfigRow[]> {
  return db.selectFrom('printer_configs').selectAll().orderBy('register_id').limit(limit).execute();
}

export const presentPrinterConfig = (r: PrinterConfigRow) => ({
  registerId: r.register_id,
  host: r.host,
  port: r.port,
  width: r.width as 58 | 80,
  codepage: r.codepage,
  autoPrint: r.auto_print === 1,
  updatedAt: r.updated_at,
});
