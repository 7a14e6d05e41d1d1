import type { RequestContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/context.js';
import { iso } from '../../platform/clock.js';
import { conflict } from '../../platform/errors.js';
import type { RegisterRow, StoreRow } from '../stores/stores.repository.js';
import { completeDocument, lineRows, saleRow } from './documents.js';
import { recordVoidEffects } from './effects.js';
import { idempotent, type StoredResponse } from './idempotency.js';
import { presentSale } from './sale.presenter.js';
import { assertPaid, planPayments } from './sale-payments.js';
import { priceBasketForSale, type Basket } from './sale-pricing.js';
import { insertPayments, loadDoc, replaceLines, touchSale, type SaleDoc, type SaleRow } from './sales.repository.js';
import type { OpenSaleBody, PaymentInput, SaleLinesPatch } from './sales.schema.js';

/**
 * The server-side lifecycle: open → (parked ⇄ open, on any register of the store) → completed, or
 * voided before completion. Open sales are priced by the server with today's catalog; a completed
 * sale is never changed again (corrections are refunds). Transitions are guarded in the UPDATE itself
 * (`WHERE status IN …`), so two registers racing for one parked sale cannot both win.
 */
const transitionRefused = (sale: SaleRow, action: string) =>
  conflict('invalid_transition', `A ${sale.status} sale cannot be ${action}`, { status: sale.status, action });

async function guard(tx: RequestContext, sale: SaleRow, from: SaleRow['status'][], action: string): Promise<void> {
  if (!(await touchSale(tx, sale.id, from))) throw transitionRefused(sale, action);
}

function onRegister(sale: SaleRow, register: RegisterRow): void {
  if (sale.register_id !== register.id) {
    throw conflict('sale_on_other_register', 'This sale is open on another register; park it there and resume it here', { registerId: sale.register_id });
  }
}

const present = async (ctx: RequestContext, id: string) => presentSale((await loadDoc(ctx, id))!);

export async function openSale(ctx: RequestContext, store: StoreRow, register: RegisterRow, body: OpenSaleBody, overrideBy: string | null) {
  return inTransaction(ctx, async (tx) => {
    const existing = await loadDoc(tx, body.id);
    if (existing) {
      if (existing.sale.store_id !== store.id) throw conflict('duplicate', 'This sale id is taken');
      return { statusCode: 200, body: presentSale(existing) };
    }
    const basket: Basket = { lines: body.lines, cartDiscount: body.cartDiscount, coupons: body.coupons };
    const doc = await priceBasketForSale(tx, store, basket, tx.clock.now());
    await tx.db
      .insertInto('sales')
      .values(saleRow(tx, { id: body.id, store, registerId: register.id, kind: 'sale', doc, rounding: 0, customerId: body.customerId, pricingInput: basket }))
      .execute();
    await replaceLines(tx, body.id, lineRows(body.id, doc.lines, overrideBy));
    return { statusCode: 201, body: await present(tx, body.id) };
  });
}

export async function updateOpenSale(ctx: RequestContext, store: StoreRow, register: RegisterRow, sale: SaleRow, patch: SaleLinesPatch, overrideBy: string | null) {
  onRegister(sale, register);
  return inTransaction(ctx, async (tx) => {
    await guard(tx, sale, ['open'], 'changed');
    const before = JSON.parse(sale.pricing_input ?? '{}') as Partial<Basket> & { customerId?: string | null };
    const basket: Basket = {
      lines: patch.lines,
      cartDiscount: patch.cartDiscount === undefined ? before.cartDiscount : (patch.cartDiscount ?? undefined),
      coupons: patch.coupons ?? before.coupons ?? [],
    };
    const doc = await priceBasketForSale(tx, store, basket, tx.clock.now());
    await replaceLines(tx, sale.id, lineRows(sale.id, doc.lines, overrideBy));
    await tx.db
      .updateTable('sales')
      .set({
        subtotal: doc.subtotal,
        discount_total: doc.discountTotal,
        tax_total: doc.taxTotal,
        total: doc.total,
        vat: JSON.stringify(doc.vat),
        pricing_input: JSON.stringify(basket),
        ...(patch.customerId !== undefined && { customer_id: patch.customerId }),
      })
      .where('id', '=', sale.id)
      .execute();
    return present(tx, sale.id);
  });
}

/** Records a non-card payment on an open sale (cash put in the drawer stays with the sale). */
export async function addPayment(ctx: RequestContext, register: RegisterRow, sale: SaleRow, payment: PaymentInput) {
  onRegister(sale, register);
  return inTransaction(ctx, async (tx) => {
    await guard(tx, sale, ['open'], 'paid');
    const existing = await tx.db.selectFrom('sale_payments').select(['id', 'sale_id']).where('id', '=', payment.id).executeTakeFirst();
    if (existing?.sale_id === sale.id) return { statusCode: 200, body: await present(tx, sale.id) };
    if (payment.tender === 'card' && !payment.card) {
      throw conflict('use_card_payments', 'Card payments on an open sale go through POST /registers/{id}/card-payments', { field: 'body.tender' });
    }
    await insertPayments(tx, await planPayments(tx, { saleId: sale.id, storeId: sale.store_id, registerId: register.id, kind: 'sale', payments: [payment], field: 'body' }));
    return { statusCode: 201, body: await present(tx, sale.id) };
  });
}

export async function parkSale(ctx: RequestContext, register: RegisterRow, sale: SaleRow) {
  onRegister(sale, register);
  return inTransaction(ctx, async (tx) => {
    await guard(tx, sale, ['open'], 'parked');
    await tx.db.updateTable('sales').set({ status: 'parked', parked_at: iso(tx.clock.now()) }).where('id', '=', sale.id).execute();
    return present(tx, sale.id);
  });
}

/** Resumes a parked sale on `register` (any register of the sale's store), re-priced with today's catalog. */
export async function resumeSale(ctx: RequestContext, store: StoreRow, register: RegisterRow, sale: SaleRow) {
  if (register.store_id !== sale.store_id) throw conflict('store_mismatch', 'A parked sale resumes in its own store', { field: 'body.registerId' });
  return inTransaction(ctx, async (tx) => {
    await guard(tx, sale, ['parked'], 'resumed');
    const basket = JSON.parse(sale.pricing_input ?? '{"lines":[],"coupons":[]}') as Basket;
    const doc = await priceBasketForSale(tx, store, basket, tx.clock.now());
    const lines = await tx.db.selectFrom('sale_lines').select(['id', 'price_override_by']).where('sale_id', '=', sale.id).execute();
    const overrideBy = lines.find((l) => l.price_override_by)?.price_override_by ?? null;
    await replaceLines(tx, sale.id, lineRows(sale.id, doc.lines, overrideBy));
    await tx.db
      .updateTable('sales')
      .set({ status: 'open', register_id: register.id, device_id: tx.deviceId, parked_at: null, subtotal: doc.subtotal, discount_total: doc.discountTotal, tax_total: doc.taxTotal, total: doc.total, vat: JSON.stringify(doc.vat) })
      .where('id', '=', sale.id)
      .execute();
    return present(tx, sale.id);
  });
}

export async function voidSale(ctx: RequestContext, sale: SaleRow, reason: string) {
  return inTransaction(ctx, async (tx) => {
    if (sale.status === 'voided') return present(tx, sale.id);
    await guard(tx, sale, ['open', 'parked'], 'voided');
    const doc = (await loadDoc(tx, sale.id))!;
    if (doc.payments.some((p) => p.status === 'approved' && p.tender === 'card')) {
      throw conflict('sale_has_card_payments', 'Reverse the card payment at the terminal before voiding', { field: 'params.id' });
    }
    await tx.db.updateTable('sales').set({ status: 'voided', voided_at: iso(tx.clock.now()), void_reason: reason }).where('id', '=', sale.id).execute();
    await recordVoidEffects(tx, { ...doc, sale: { ...doc.sale, status: 'voided' } }, reason);
    return present(tx, sale.id);
  });
}

/** Completes an open sale with its recorded payments plus any given now; approved payments must equal the total. */
export async function completeOpenSale(
  ctx: RequestContext,
  register: RegisterRow,
  sale: SaleRow,
  body: { registerSeq: number; receiptNo: string; payments: PaymentInput[] },
  key: string,
): Promise<StoredResponse> {
  onRegister(sale, register);
  return idempotent(ctx, { key, storeId: sale.store_id, route: `POST /sales/${sale.id}/complete`, body }, async (tx) => {
    await guard(tx, sale, ['open'], 'completed');
    const doc: SaleDoc = (await loadDoc(tx, sale.id))!;
    const added = await planPayments(tx, { saleId: sale.id, storeId: sale.store_id, registerId: register.id, kind: 'sale', payments: body.payments, field: 'body.payments' });
    const all = [...doc.payments, ...added.map((p) => ({ ...p, status: p.status ?? 'approved' }))].filter((p) => p.status === 'approved');
    const rounding = 0;
    assertPaid(all as { amount: number; status: 'approved' }[], doc.sale.total + rounding, 'body.payments');
    const completed = await completeDocument(tx, {
      sale: { ...doc.sale, cashier_id: tx.actor?.userId ?? doc.sale.cashier_id, device_id: tx.deviceId ?? doc.sale.device_id },
      lines: null,
      payments: added,
      registerSeq: body.registerSeq,
      receiptNo: body.receiptNo,
      existing: true,
    });
    return { statusCode: 200, body: presentSale(completed) };
  });
}
