import type { CashMovementRow, ShiftRow } from './shifts.repository.js';

export function presentShift(s: ShiftRow) {
  return {
    id: s.id,
    storeId: s.store_id,
    registerId: s.register_id,
    status: s.status,
    openedAt: s.opened_at,
    openedBy: { userId: s.opened_by, name: s.opened_by_name },
    openingFloat: Number(s.opening_float),
    closedAt: s.closed_at,
    closedBy: s.closed_at ? { userId: s.closed_by, name: s.closed_by_name } : null,
    zNumber: s.z_number === null ? null : Number(s.z_number),
  };
}

export function presentCashMovement(m: CashMovementRow) {
  return {
    id: m.id,
    shiftId: m.shift_id,
    storeId: m.store_id,
    registerId: m.register_id,
    kind: m.kind,
    amount: Number(m.amount),
    reason: m.reason,
    userId: m.user_id,
    createdAt: m.created_at,
  };
}
