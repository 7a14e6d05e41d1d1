import type { RequestContext } from '../../platform/context.js';
import { insertRows } from '../../platform/db/insert-rows.js';

/**
 * Running totals of a shift, one row per key, maintained in the transaction of whatever changed them
 * (a sale, a refund, a cash movement), so X and Z reports read a few dozen rows, never the sales.
 * Amounts are signed integer minor units; `count` is how many documents contributed.
 *
 * Documented keys:
 * - `sales`, `refunds` (negative), `voids`, `discounts` — amount and number of documents
 * - `tender:<type>` with type `cash`, `card`, `voucher`, `custom:<name>` — money taken (refunds negative)
 * - `change` — cash handed back; `tips` — tips taken
 * - `tax:<rateBp>:gross`, `tax:<rateBp>:net`, `tax:<rateBp>:tax` — per VAT rate in basis points
 * - `cashier:<userId>` — sales total per cashier
 * - `pay_in`, `pay_out`, `bank_deposit`, `tip_out` — cash movements by kind
 * - `cash_in:<reason>` (pay-ins), `cash_out:<reason>` (pay-outs, bank deposits, tip-outs) — by reason
 */
export interface ShiftTotalDelta {
  key: string;
  amount: number;
  /** Defaults to 1. */
  count?: number;
}

/**
 * Adds deltas to the shift's totals with one atomic upsert per key (`amount = amount + excluded.amount`
 * in SQL), in key order so concurrent transactions lock rows in the same order. Deltas with the same
 * key are merged first.
 */
export async function addShiftTotals(
  tx: RequestContext,
  shiftId: string,
  deltas: ShiftTotalDelta[],
): Promise<void> {
  const merged = new Map<string, { amount: number; count: number }>();
  for (const d of deltas) {
    if (!Number.isSafeInteger(d.amount) || !Number.isSafeInteger(d.count ?? 1))
      throw new Error(`shift total ${d.key} must be an integer`);
    const t = merged.get(d.key) ?? { amount: 0, count: 0 };
    merged.set(d.key, { amount: t.amount + d.amount, count: t.count + (d.count ?? 1) });
  }
  if (merged.size === 0) return;
  // One multi-row upsert (keys merged, so no row is hit twice; sorted, so locks are taken in one order).
  const rows = [...merged.keys()].sort().map((key) => ({
    shift_id: shiftId,
    key,
    amount: merged.get(key)!.amount,
    count: merged.get(key)!.count,
  }));
  await insertRows(tx.db, 'shift_totals', rows, {
    name: 'add-to-totals',
    build: (qb) =>
      qb.onConflict((oc) =>
        oc.columns(['shift_id', 'key']).doUpdateSet((eb) => ({
          amount: eb('shift_totals.amount', '+', eb.ref('excluded.amount')),
          count: eb('shift_totals.count', '+', eb.ref('excluded.count')),
        })),
      ),
  });
}

export async function readShiftTotals(
  ctx: RequestContext,
  shiftId: string,
): Promise<Map<string, { amount: number; count: number }>> {
  const rows = await ctx.db
    .selectFrom('shift_totals')
    .select(['key', 'amount', 'count'])
    .where('shift_id', '=', shiftId)
    .execute();
  return new Map(rows.map((r) => [r.key, { amount: Number(r.amount), count: Number(r.count) }]));
}
