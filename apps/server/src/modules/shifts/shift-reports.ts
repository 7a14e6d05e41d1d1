import type { RequestContext } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { readShiftTotals } from './shift-totals.js';
import { findShiftById, type ShiftRow } from './shifts.repository.js';

type Totals = Map<string, { amount: number; count: number }>;

const amountOf = (t: Totals, key: string) => t.get(key)?.amount ?? 0;
const pair = (t: Totals, key: string) => ({ count: t.get(key)?.count ?? 0, amount: t.get(key)?.amount ?? 0 });

function withPrefix(t: Totals, prefix: string) {
  return [...t]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, v]) => ({ name: key.slice(prefix.length), count: v.count, amount: v.amount }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Cash that should be in the drawer: opening float + cash tenders − change given + pay-ins − pay-outs
 * − bank deposits − tip-outs. (Cash refunds arrive as negative cash tenders.)
 */
export function expectedCashOf(openingFloat: number, totals: Totals): number {
  return (
    openingFloat +
    amountOf(totals, 'tender:cash') -
    amountOf(totals, 'change') +
    amountOf(totals, 'pay_in') -
    amountOf(totals, 'pay_out') -
    amountOf(totals, 'bank_deposit') -
    amountOf(totals, 'tip_out')
  );
}

/** The X/Z report of a shift, computed from its running totals only (a few dozen rows at any size). */
export function buildShiftReport(shift: ShiftRow, totals: Totals) {
  const taxes = new Map<number, { rateBp: number; gross: number; net: number; tax: number }>();
  for (const [key, v] of totals) {
    const m = /^tax:(-?\d+):(gross|net|tax)$/.exec(key);
    if (!m) continue;
    const rateBp = Number(m[1]);
    const entry = taxes.get(rateBp) ?? { rateBp, gross: 0, net: 0, tax: 0 };
    entry[m[2] as 'gross' | 'net' | 'tax'] = v.amount;
    taxes.set(rateBp, entry);
  }
  const openingFloat = Number(shift.opening_float);
  const expectedCash = shift.status === 'closed' && shift.expected_cash !== null ? Number(shift.expected_cash) : expectedCashOf(openingFloat, totals);
  return {
    kind: shift.status === 'closed' ? ('Z' as const) : ('X' as const),
    shiftId: shift.id,
    storeId: shift.store_id,
    registerId: shift.register_id,
    status: shift.status,
    zNumber: shift.z_number === null ? null : Number(shift.z_number),
    openedAt: shift.opened_at,
    openedBy: { userId: shift.opened_by, name: shift.opened_by_name },
    closedAt: shift.closed_at,
    closedBy: shift.closed_at ? { userId: shift.closed_by, name: shift.closed_by_name } : null,
    openingFloat,
    expectedCash,
    countedCash: shift.counted_cash === null ? null : Number(shift.counted_cash),
    overShort: shift.over_short === null ? null : Number(shift.over_short),
    countedDenominations: shift.counted_denominations ? (JSON.parse(shift.counted_denominations) as Record<string, number>) : null,
    sales: pair(totals, 'sales'),
    refunds: pair(totals, 'refunds'),
    voids: pair(totals, 'voids'),
    discounts: pair(totals, 'discounts'),
    tenders: withPrefix(totals, 'tender:').map((t) => ({ tender: t.name, count: t.count, amount: t.amount })),
    change: amountOf(totals, 'change'),
    tips: pair(totals, 'tips'),
    taxes: [...taxes.values()].sort((a, b) => a.rateBp - b.rateBp),
    cashiers: withPrefix(totals, 'cashier:').map((c) => ({ userId: c.name, count: c.count, amount: c.amount })),
    cash: {
      openingFloat,
      cashTenders: amountOf(totals, 'tender:cash'),
      change: amountOf(totals, 'change'),
      payIn: pair(totals, 'pay_in'),
      payOut: pair(totals, 'pay_out'),
      bankDeposit: pair(totals, 'bank_deposit'),
      tipOut: pair(totals, 'tip_out'),
      inByReason: withPrefix(totals, 'cash_in:').map((r) => ({ reason: r.name, count: r.count, amount: r.amount })),
      outByReason: withPrefix(totals, 'cash_out:').map((r) => ({ reason: r.name, count: r.count, amount: r.amount })),
    },
  };
}

export type ShiftReport = ReturnType<typeof buildShiftReport>;

/** Read-only report of a shift so far (open or closed); store access is the caller's authorize(). */
export async function xReport(ctx: RequestContext, shiftId: string): Promise<ShiftReport> {
  const shift = await findShiftById(ctx, shiftId);
  if (!shift) throw notFound('Shift');
  return buildShiftReport(shift, await readShiftTotals(ctx, shiftId));
}

/** The Z report of a closed shift (409 shift_open while it is open). */
export async function zReport(ctx: RequestContext, shiftId: string): Promise<ShiftReport> {
  const shift = await findShiftById(ctx, shiftId);
  if (!shift) throw notFound('Shift');
  if (shift.status !== 'closed') throw conflict('shift_open', 'The shift is still open: close it to get its Z report', { shiftId });
  return buildShiftReport(shift, await readShiftTotals(ctx, shiftId));
}
