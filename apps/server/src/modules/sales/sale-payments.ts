import type { Insertable } from 'kysely';
import type { RequestContext } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import type { SaleKind, SalePaymentsTable } from '../../platform/db/schema.js';
import { conflict, invalid } from '../../platform/errors.js';
import type { SalePaymentRow } from './sales.repository.js';
import type { PaymentInput } from './sales.schema.js';

/**
 * Tenders of a document: cash (tendered → change), card (an approved terminal attempt of this
 * register, or card data from a standalone terminal), voucher/gift card and custom tenders, in any
 * mix. Approved payments must add up to the amount due exactly; tips are on top of it.
 */
export type PaymentRowInput = Insertable<SalePaymentsTable>;

export const tenderKey = (p: { tender: string; custom_name: string | null }) => (p.tender === 'custom' ? `custom:${p.custom_name}` : p.tender);

export function isAllCash(payments: { tender: string }[]): boolean {
  return payments.length > 0 && payments.every((p) => p.tender === 'cash');
}

export async function planPayments(
  tx: RequestContext,
  opts: { saleId: string; storeId: string; registerId: string; kind: SaleKind; payments: PaymentInput[]; field: string },
): Promise<PaymentRowInput[]> {
  const rows: PaymentRowInput[] = [];
  const seen = new Set<string>();
  for (const [i, p] of opts.payments.entries()) {
    const field = (k?: string) => `${opts.field}.${i}${k ? `.${k}` : ''}`;
    if (seen.has(p.id)) throw invalid('duplicate_id', 'Each payment needs its own id', { field: field('id') });
    seen.add(p.id);
    if ((opts.kind === 'sale' && p.amount < 0) || (opts.kind === 'refund' && p.amount > 0)) {
      throw invalid('payment_sign', opts.kind === 'sale' ? 'Sale payments are positive' : 'Refund payments are negative (money paid back)', { field: field('amount') });
    }
    if (p.tendered !== undefined && (p.amount < 0 || p.tendered < p.amount)) {
      throw invalid('tendered_too_low', 'Cash tendered must cover the cash amount', { field: field('tendered') });
    }
    const row: PaymentRowInput = {
      id: p.id,
      sale_id: opts.saleId,
      tender: p.tender,
      custom_name: p.customName ?? null,
      amount: p.amount,
      tendered: p.tendered ?? null,
      change: p.tendered !== undefined ? p.tendered - p.amount : 0,
      tip: p.tip,
      status: 'approved',
      card_brand: null,
      card_last4: null,
      auth_code: null,
      terminal_ref: null,
      terminal_tx_id: null,
      voucher_code: p.voucherCode ?? null,
      created_at: iso(tx.clock.now()),
    };
    if (p.tender === 'card') {
      const attempt = await tx.db.selectFrom('card_payments').selectAll().where('id', '=', p.id).executeTakeFirst();
      if (attempt) {
        if (attempt.register_id !== opts.registerId || attempt.store_id !== opts.storeId) {
          throw conflict('card_payment_mismatch', 'This card payment belongs to another register', { field: field('id') });
        }
        if (attempt.status !== 'approved') {
          throw conflict('card_payment_not_approved', `The card payment is ${attempt.status}`, { field: field('id'), status: attempt.status });
        }
        if (attempt.amount !== p.amount || attempt.tip !== p.tip) {
          throw invalid('card_payment_mismatch', `The terminal charged ${attempt.amount} + tip ${attempt.tip}`, { field: field('amount') });
        }
        Object.assign(row, {
          card_brand: attempt.card_brand,
          card_last4: attempt.card_last4,
          auth_code: attempt.auth_code,
          terminal_ref: attempt.terminal_ref,
          terminal_tx_id: attempt.terminal_tx_id,
        });
      } else if (p.card) {
        Object.assign(row, { card_brand: p.card.brand, card_last4: p.card.last4, auth_code: p.card.authCode, terminal_ref: p.card.terminalRef });
      } else {
        throw invalid('card_details_required', 'A card payment needs an approved terminal payment or the terminal receipt data', { field: field('card') });
      }
    }
    rows.push(row);
  }
  return rows;
}

/** Approved payments must equal `due` exactly (minor units). */
export function assertPaid(payments: Pick<SalePaymentRow, 'amount' | 'status'>[], due: number, field: string): void {
  const paid = payments.filter((p) => p.status === 'approved').reduce((s, p) => s + p.amount, 0);
  if (paid !== due) {
    throw invalid('payments_mismatch', `Payments add up to ${paid}, the total is ${due}`, { field, total: due, paid, difference: paid - due });
  }
}
