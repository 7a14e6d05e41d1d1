import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { isUniqueViolation } from '../../platform/db/dialect-sql.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { domainEvent, publishAfterCommit } from '../../platform/events/index.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertStoreAccess } from '../auth/authorize.js';
import { appendJournal } from '../journal/journal.repository.js';
import { findRegister } from '../stores/index.js';
import { buildShiftReport, expectedCashOf, type ShiftReport } from './shift-reports.js';
import { readShiftTotals } from './shift-totals.js';
import { presentShift } from './shift.presenter.js';
import {
  allocateZNumber,
  findOpenShift,
  findShiftById,
  insertShift,
  lockShift,
  markShiftClosed,
  type ShiftRow,
} from './shifts.repository.js';

/** A register session acts only on its own register; back-office sessions and API keys on any. */
export function assertOwnRegister(ctx: RequestContext, registerId: string): void {
  if (ctx.session?.kind === 'register' && ctx.session.registerId !== registerId) {
    throw forbidden('register_mismatch', 'This register session belongs to another register');
  }
}

const shiftAlreadyOpen = () => conflict('shift_already_open', 'This register already has an open shift: close it first');

/**
 * Opens a shift on the register with a counted opening float. Idempotent by the client's id: the same
 * id again returns the shift (`created: false`). One open shift per register is enforced by a unique
 * key, so two devices opening at once cannot both succeed.
 */
export async function openShift(ctx: RequestContext, registerId: string, input: { id: string; openingFloat: number }) {
  const register = await findRegister(ctx, registerId);
  if (!register) throw notFound('Register');
  assertStoreAccess(ctx, register.store_id);
  assertOwnRegister(ctx, registerId);
  return inTransaction({ ...ctx, registerId }, async (tx) => {
    const existing = await findShiftById(tx, input.id);
    if (existing) {
      if (existing.register_id !== registerId || Number(existing.opening_float) !== input.openingFloat) {
        throw conflict('idempotency_key_reused', 'This shift id was already used', { field: 'body.id' });
      }
      return { shift: presentShift(existing), created: false };
    }
    if (await findOpenShift(tx, registerId)) throw shiftAlreadyOpen();
    const row: ShiftRow = {
      id: input.id,
      store_id: register.store_id,
      register_id: registerId,
      open_register_id: registerId,
      status: 'open',
      opened_by: tx.actor!.userId,
      opened_by_name: tx.actor!.name,
      opened_at: iso(tx.clock.now()),
      opening_float: input.openingFloat,
      closed_by: null,
      closed_by_name: null,
      closed_at: null,
      z_number: null,
      counted_cash: null,
      expected_cash: null,
      over_short: null,
      counted_denominations: null,
    };
    try {
      await insertShift(tx, row);
    } catch (err) {
      if (isUniqueViolation(err)) throw shiftAlreadyOpen();
      throw err;
    }
    const shift = presentShift(row);
    await appendJournal(tx, {
      storeId: row.store_id,
      registerId,
      shiftId: row.id,
      type: 'shift_open',
      payload: { openingFloat: input.openingFloat, openedBy: { userId: row.opened_by, name: row.opened_by_name } },
    });
    await recordAudit(tx, { action: 'shift.open', storeId: row.store_id, entityType: 'shift', entityId: row.id, after: shift });
    publishAfterCommit(tx, domainEvent(tx, 'shift.opened', row.store_id, shift));
    return { shift, created: true };
  });
}

export interface CloseShiftInput {
  /** Denomination in minor units (as a string key) → count, e.g. {"5000": 2, "200": 7}. */
  countedDenominations?: Record<string, number> | undefined;
  countedCash?: number | undefined;
}

function countedCashOf(input: CloseShiftInput): { counted: number; denominations: Record<string, number> | null } {
  if (input.countedDenominations) {
    const counted = Object.entries(input.countedDenominations).reduce((sum, [value, n]) => sum + Number(value) * n, 0);
    if (!Number.isSafeInteger(counted)) throw invalid('invalid_count', 'The counted cash is out of range', { field: 'body.countedDenominations' });
    if (input.countedCash !== undefined && input.countedCash !== counted) {
      throw invalid('counted_cash_mismatch', `countedCash ${input.countedCash} differs from the denominations' sum ${counted}`, { field: 'body.countedCash' });
    }
    return { counted, denominations: input.countedDenominations };
  }
  if (input.countedCash === undefined) throw invalid('count_required', 'Send countedDenominations or countedCash', { field: 'body.countedCash' });
  return { counted: input.countedCash, denominations: null };
}

/**
 * Closes the shift: allocates the register's next Z number, stores counted vs expected cash and
 * returns the Z report. Idempotent: closing a closed shift returns its Z report unchanged. The shift
 * row is locked first, so sales still completing on the register finish before the totals are read.
 */
export async function closeShift(ctx: RequestContext, shiftId: string, input: CloseShiftInput): Promise<ShiftReport> {
  return inTransaction(ctx, async (tx) => {
    const shift = await lockShift(tx, shiftId);
    if (!shift) throw notFound('Shift');
    assertStoreAccess(tx, shift.store_id);
    const totals = await readShiftTotals(tx, shiftId);
    if (shift.status === 'closed') return buildShiftReport(shift, totals);
    assertOwnRegister(tx, shift.register_id);
    const { counted, denominations } = countedCashOf(input);
    const expected = expectedCashOf(Number(shift.opening_float), totals);
    const zNumber = await allocateZNumber(tx, shift.register_id);
    const closed = await markShiftClosed(tx, shiftId, {
      closed_by: tx.actor!.userId,
      closed_by_name: tx.actor!.name,
      closed_at: iso(tx.clock.now()),
      z_number: zNumber,
      counted_cash: counted,
      expected_cash: expected,
      over_short: counted - expected,
      counted_denominations: denominations ? JSON.stringify(denominations) : null,
    });
    const report = buildShiftReport(closed, totals);
    const registerCtx = { ...tx, registerId: shift.register_id };
    await appendJournal(registerCtx, { storeId: shift.store_id, registerId: shift.register_id, shiftId, type: 'shift_close', payload: report });
    await recordAudit(registerCtx, {
      action: 'shift.close',
      storeId: shift.store_id,
      entityType: 'shift',
      entityId: shiftId,
      after: { zNumber, expectedCash: expected, countedCash: counted, overShort: counted - expected },
    });
    publishAfterCommit(tx, domainEvent(tx, 'shift.closed', shift.store_id, { shiftId, registerId: shift.register_id, zNumber, expectedCash: expected, countedCash: counted, overShort: counted - expected }));
    return report;
  });
}
