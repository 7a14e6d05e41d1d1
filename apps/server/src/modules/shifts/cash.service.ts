import { inTransaction, type RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import { domainEvent, publishAfterCommit } from '../../platform/events/index.js';
import { recordAudit } from '../audit/audit.repository.js';
import { assertStoreAccess } from '../auth/authorize.js';
import { appendJournal } from '../journal/journal.repository.js';
import { addShiftTotals } from './shift-totals.js';
import { presentCashMovement } from './shift.presenter.js';
import { assertOwnRegister } from './shifts.service.js';
import { findCashMovement, findShiftById, insertCashMovement, lockShift, type CashMovementRow } from './shifts.repository.js';

export type CashMovementKind = CashMovementRow['kind'];

export interface CashMovementInput {
  id: string;
  kind: CashMovementKind;
  /** Positive minor units; the kind says which way the money goes. */
  amount: number;
  reason: string;
}

/**
 * Money into (pay_in) or out of the drawer (pay_out, bank_deposit, tip_out) during an open shift:
 * stored, added to the shift totals, journaled (cash_in / cash_out), audited. Idempotent by the
 * client's id.
 */
export async function recordCashMovement(ctx: RequestContext, shiftId: string, input: CashMovementInput) {
  return inTransaction(ctx, async (tx) => {
    const existing = await findCashMovement(tx, input.id);
    if (existing) {
      if (existing.shift_id !== shiftId || existing.kind !== input.kind || Number(existing.amount) !== input.amount || existing.reason !== input.reason) {
        throw conflict('idempotency_key_reused', 'This cash movement id was already used', { field: 'body.id' });
      }
      return { movement: presentCashMovement(existing), created: false };
    }
    // Locked like a sale would: a close waits for this movement, and this waits for a close.
    const shift = (await lockShift(tx, shiftId)) ?? (await findShiftById(tx, shiftId));
    if (!shift) throw notFound('Shift');
    assertStoreAccess(tx, shift.store_id);
    assertOwnRegister(tx, shift.register_id);
    if (shift.status !== 'open') throw conflict('shift_closed', 'This shift is closed', { shiftId });
    const row: CashMovementRow = {
      id: input.id,
      shift_id: shiftId,
      store_id: shift.store_id,
      register_id: shift.register_id,
      kind: input.kind,
      amount: input.amount,
      reason: input.reason,
      user_id: tx.actor!.userId,
      created_at: iso(tx.clock.now()),
    };
    await insertCashMovement(tx, row);
    const direction = input.kind === 'pay_in' ? 'cash_in' : 'cash_out';
    await addShiftTotals(tx, shiftId, [
      { key: input.kind, amount: input.amount },
      { key: `${direction}:${input.reason}`, amount: input.amount },
    ]);
    const movement = presentCashMovement(row);
    const registerCtx = { ...tx, registerId: shift.register_id };
    await appendJournal(registerCtx, {
      storeId: shift.store_id,
      registerId: shift.register_id,
      shiftId,
      documentId: row.id,
      type: direction,
      payload: { kind: input.kind, amount: input.amount, reason: input.reason, userId: row.user_id },
    });
    await recordAudit(registerCtx, { action: `cash.${input.kind}`, storeId: shift.store_id, entityType: 'cash_movement', entityId: row.id, after: movement });
    publishAfterCommit(tx, domainEvent(tx, 'cash.moved', shift.store_id, movement));
    return { movement, created: true };
  });
}
