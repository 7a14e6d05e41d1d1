import type { Selectable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { isUniqueViolation } from '../../platform/db/dialect-sql.js';
import type { CardPaymentsTable } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import type { RegisterRow } from '../stores/stores.repository.js';
import { TerminalNoAnswer, type PaymentTerminal, type TerminalResult } from './payment-terminal.js';

/**
 * Card payments through the register's terminal. The terminal is NEVER called inside a database
 * transaction: (1) the attempt is recorded as `pending` (its id is the primary key, so a repeated or
 * concurrent request cannot start a second charge), (2) the terminal runs, (3) the outcome is stored.
 * A lost answer leaves the attempt `timeout`; the only way forward is `recover`, which asks the
 * terminal for its last transaction before anything else — an approval that the register never heard
 * of is recorded exactly once, and only a confirmed non-charge allows a new attempt.
 * With a saleId, the outcome is also recorded on that open sale (a declined card is kept as declined;
 * the sale stays open with its other payments).
 */
export type CardPaymentRow = Selectable<CardPaymentsTable>;

export function presentCardPayment(r: CardPaymentRow) {
  return {
    id: r.id,
    registerId: r.register_id,
    saleId: r.sale_id,
    amount: r.amount,
    tip: r.tip,
    status: r.status,
    brand: r.card_brand,
    last4: r.card_last4,
    authCode: r.auth_code,
    terminalRef: r.terminal_ref,
    terminalTxId: r.terminal_tx_id,
    /** `recover`: the outcome is unknown — call …/recover before any retry. */
    next: r.status === 'timeout' || r.status === 'pending' ? ('recover' as const) : null,
  };
}

const find = (ctx: RequestContext, id: string) => ctx.db.selectFrom('card_payments').selectAll().where('id', '=', id).executeTakeFirst();

async function checkSale(ctx: RequestContext, register: RegisterRow, saleId: string | undefined): Promise<void> {
  if (!saleId) return;
  const sale = await ctx.db.selectFrom('sales').select(['store_id', 'status', 'register_id']).where('id', '=', saleId).executeTakeFirst();
  if (!sale || sale.store_id !== register.store_id) throw new AppError('not_found', 'not_found', 'Sale not found', { field: 'body.saleId' });
  if (sale.status !== 'open' || sale.register_id !== register.id) throw conflict('sale_not_open', 'The sale is not open on this register', { field: 'body.saleId', status: sale.status });
}

/** Stores a terminal outcome (only over a pending/timeout attempt) and mirrors it onto the open sale. */
async function settle(ctx: RequestContext, row: CardPaymentRow, result: TerminalResult | null, status: CardPaymentRow['status']): Promise<CardPaymentRow> {
  return inTransaction(ctx, async (tx) => {
    const now = iso(tx.clock.now());
    const res = await tx.db
      .updateTable('card_payments')
      .set({
        status,
        card_brand: result?.brand ?? null,
        card_last4: result?.last4 ?? null,
        auth_code: result?.authCode ?? null,
        terminal_tx_id: result?.terminalTxId ?? null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('status', 'in', ['pending', 'timeout'])
      .executeTakeFirst();
    const after = (await find(tx, row.id))!;
    if (Number(res.numUpdatedRows) === 1 && row.sale_id && status !== 'timeout') {
      const sale = await tx.db.selectFrom('sales').select('status').where('id', '=', row.sale_id).executeTakeFirst();
      if (sale?.status === 'open') {
        await tx.db
          .insertInto('sale_payments')
          .values({
            id: row.id,
            sale_id: row.sale_id,
            tender: 'card',
            custom_name: null,
            amount: row.amount,
            tendered: null,
            change: 0,
            tip: row.tip,
            status: status === 'approved' ? 'approved' : status === 'declined' ? 'declined' : status === 'cancelled' ? 'cancelled' : 'failed',
            card_brand: after.card_brand,
            card_last4: after.card_last4,
            auth_code: after.auth_code,
            terminal_ref: after.terminal_ref,
            terminal_tx_id: after.terminal_tx_id,
            voucher_code: null,
            created_at: now,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    }
    return after;
  });
}

export async function startCardPayment(
  ctx: RequestContext,
  terminal: PaymentTerminal,
  register: RegisterRow,
  body: { id: string; amount: number; tip: number; saleId?: string | undefined },
): Promise<{ statusCode: number; row: CardPaymentRow }> {
  const existing = await find(ctx, body.id);
  if (existing) {
    if (existing.register_id !== register.id || existing.amount !== body.amount || existing.tip !== body.tip || existing.sale_id !== (body.saleId ?? null)) {
      throw conflict('idempotency_key_reused', 'This card payment id was used for a different payment', { field: 'body.id' });
    }
    return { statusCode: 200, row: existing };
  }
  await checkSale(ctx, register, body.saleId);
  const now = iso(ctx.clock.now());
  const row: CardPaymentRow = {
    id: body.id,
    store_id: register.store_id,
    register_id: register.id,
    sale_id: body.saleId ?? null,
    amount: body.amount,
    tip: body.tip,
    status: 'pending',
    card_brand: null,
    card_last4: null,
    auth_code: null,
    terminal_ref: body.id,
    terminal_tx_id: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.insertInto('card_payments').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) {
      const other = await find(ctx, body.id);
      if (other) return { statusCode: 200, row: other };
    }
    throw err;
  }
  // Outside any transaction: the terminal may take a minute (PIN entry).
  let result: TerminalResult;
  try {
    result = await terminal.authorize(body.amount + body.tip, row.terminal_ref);
  } catch (err) {
    if (err instanceof TerminalNoAnswer) return { statusCode: 201, row: await settle(ctx, row, null, 'timeout') };
    await settle(ctx, row, null, 'timeout');
    throw err;
  }
  if (result.ref !== row.terminal_ref || (result.status === 'approved' && result.amount !== body.amount + body.tip)) {
    // A terminal answering for another transaction is treated as no answer: recovery sorts it out.
    return { statusCode: 201, row: await settle(ctx, row, null, 'timeout') };
  }
  return { statusCode: 201, row: await settle(ctx, row, result, result.status) };
}

/** Longer than any terminal's own authorisation timeout (ZVT terminals give up after 1–2 minutes). */
export const CARD_ATTEMPT_MAX_MS = 180_000;

/**
 * Asks the terminal to abort a running attempt (ZVT 06 B0 Abort). The attempt itself is settled by
 * the request that started it, when the terminal answers "cancelled" (or approved, if the customer was
 * faster): cancelling never decides the outcome on its own.
 */
export async function cancelCardPayment(ctx: RequestContext, terminal: PaymentTerminal, register: RegisterRow, id: string): Promise<CardPaymentRow> {
  const row = await find(ctx, id);
  if (!row || row.register_id !== register.id) throw new AppError('not_found', 'not_found', 'Card payment not found', { field: 'params.paymentId' });
  if (row.status !== 'pending') throw conflict('payment_not_running', `The card payment is ${row.status}, not running`, { field: 'params.paymentId', status: row.status });
  await terminal.cancel(row.terminal_ref);
  return row;
}

/** Asks the terminal what happened to an attempt whose answer was lost, before any retry. */
export async function recoverCardPayment(ctx: RequestContext, terminal: PaymentTerminal, register: RegisterRow, id: string): Promise<CardPaymentRow> {
  const row = await find(ctx, id);
  if (!row || row.register_id !== register.id) throw new AppError('not_found', 'not_found', 'Card payment not found', { field: 'params.paymentId' });
  if (row.status !== 'pending' && row.status !== 'timeout') return row;
  // A pending attempt may still be running on the terminal (this or another server is waiting for
  // the customer): asking for the last transaction now would see the previous one and wrongly settle
  // this attempt as "not charged", and the approval arriving a moment later would be lost. Only an
  // attempt older than any terminal timeout (its server died mid-payment) is resolved as pending.
  if (row.status === 'pending' && ctx.clock.now().getTime() - Date.parse(row.created_at) < CARD_ATTEMPT_MAX_MS) {
    throw conflict('payment_in_progress', 'The card payment is still running on the terminal: wait for its answer or cancel it', { field: 'params.paymentId' });
  }
  const last = await terminal.lastTransactionStatus();
  if (last && last.ref === row.terminal_ref) {
    if (last.status === 'approved' && last.amount !== row.amount + row.tip) {
      throw invalid('terminal_amount_mismatch', `The terminal approved ${last.amount}, expected ${row.amount + row.tip}`, { field: 'params.paymentId' });
    }
    return settle(ctx, row, last, last.status);
  }
  // The terminal's last transaction is another one: this attempt never ran there — nothing charged.
  return settle(ctx, row, null, 'failed');
}
