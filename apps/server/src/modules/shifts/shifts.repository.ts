import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import { isPostgres } from '../../platform/db/dialect-sql.js';
import type { CashMovementsTable, ShiftsTable } from '../../platform/db/schema.js';
import { conflict } from '../../platform/errors.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export type ShiftRow = Selectable<ShiftsTable>;
export type CashMovementRow = Selectable<CashMovementsTable>;

const shiftOpenOn = preparedQuery(
  (db, registerId: string) => db.selectFrom('shifts').selectAll().where('open_register_id', '=', registerId),
  (registerId) => [registerId],
);
const shiftOpenOnForShare = preparedQuery(
  (db, registerId: string) => db.selectFrom('shifts').selectAll().where('open_register_id', '=', registerId).forShare(),
  (registerId) => [registerId],
);

/** The register's open shift, if any (no lock: for reads and journaling outside the sale path). */
export async function findOpenShift(ctx: RequestContext, registerId: string): Promise<ShiftRow | undefined> {
  return (await shiftOpenOn(ctx.db, registerId))[0];
}

/**
 * The register's open shift, for a sale or cash movement inside `tx`. On PostgreSQL the row is read
 * `FOR SHARE`: concurrent sales on the register proceed together, while closing the shift (which
 * locks it for update) waits for them — so no sale lands in a shift after its Z report was taken.
 * SQLite runs one write transaction at a time, which gives the same guarantee.
 */
export async function requireOpenShift(tx: RequestContext, registerId: string): Promise<ShiftRow> {
  const query = tx.db.isTransaction && isPostgres(tx.db) ? shiftOpenOnForShare : shiftOpenOn;
  const shift = (await query(tx.db, registerId))[0];
  if (!shift) throw conflict('shift_closed', 'No open shift on this register', { registerId });
  return shift;
}

/** A shift of the caller's organisation (store scoping is the caller's authorize()). */
export async function findShift(ctx: RequestContext, id: string): Promise<ShiftRow | undefined> {
  return ctx.db
    .selectFrom('shifts')
    .innerJoin('stores', 'stores.id', 'shifts.store_id')
    .selectAll('shifts')
    .where('shifts.id', '=', id)
    .where('stores.org_id', '=', ctx.actor!.orgId)
    .executeTakeFirst();
}

/** Locks the shift row until commit (PostgreSQL `FOR UPDATE`; SQLite serialises write transactions). */
export async function lockShift(tx: RequestContext, id: string): Promise<ShiftRow | undefined> {
  let q = tx.db.selectFrom('shifts').selectAll().where('id', '=', id);
  if (isPostgres(tx.db)) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findShiftById(ctx: RequestContext, id: string): Promise<ShiftRow | undefined> {
  return ctx.db.selectFrom('shifts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The register's most recent shift (open or closed). */
export async function latestShift(ctx: RequestContext, registerId: string): Promise<ShiftRow | undefined> {
  return ctx.db.selectFrom('shifts').selectAll().where('register_id', '=', registerId).orderBy('opened_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

export async function insertShift(tx: RequestContext, row: ShiftRow): Promise<void> {
  await tx.db.insertInto('shifts').values(row).execute();
}

/** Next Z number of the register (1, 2, …): the counter row is locked until commit. */
export async function allocateZNumber(tx: RequestContext, registerId: string): Promise<number> {
  const row = await tx.db
    .updateTable('registers')
    .set((eb) => ({ z_counter: eb('z_counter', '+', 1) }))
    .where('id', '=', registerId)
    .returning('z_counter')
    .executeTakeFirstOrThrow();
  return Number(row.z_counter);
}

export async function markShiftClosed(
  tx: RequestContext,
  id: string,
  values: Pick<ShiftRow, 'closed_by' | 'closed_by_name' | 'closed_at' | 'z_number' | 'counted_cash' | 'expected_cash' | 'over_short' | 'counted_denominations'>,
): Promise<ShiftRow> {
  return tx.db
    .updateTable('shifts')
    .set({ ...values, status: 'closed', open_register_id: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCashMovement(ctx: RequestContext, id: string): Promise<CashMovementRow | undefined> {
  return ctx.db.selectFrom('cash_movements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCashMovement(tx: RequestContext, row: CashMovementRow): Promise<void> {
  await tx.db.insertInto('cash_movements').values(row).execute();
}
