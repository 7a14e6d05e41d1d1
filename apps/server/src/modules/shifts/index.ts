export { recordCashMovement, type CashMovementInput, type CashMovementKind } from './cash.service.js';
export { buildShiftReport, expectedCashOf, xReport, zReport, type ShiftReport } from './shift-reports.js';
export { addShiftTotals, readShiftTotals, type ShiftTotalDelta } from './shift-totals.js';
export { presentCashMovement, presentShift } from './shift.presenter.js';
export { findOpenShift, findShift, requireOpenShift, type CashMovementRow, type ShiftRow } from './shifts.repository.js';
export { registerShiftRoutes } from './shifts.routes.js';
export { assertOwnRegister, closeShift, openShift, type CloseShiftInput } from './shifts.service.js';
