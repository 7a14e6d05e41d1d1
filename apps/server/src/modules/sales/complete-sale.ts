import type { RequestContext } from '../../platform/context.js';
import type { RegisterRow, StoreRow } from '../stores/stores.repository.js';
import { completeDocument, lineRows, saleRow } from './documents.js';
import { idempotent, type StoredResponse } from './idempotency.js';
import { presentSale } from './sale.presenter.js';
import { assertPaid, isAllCash, planPayments } from './sale-payments.js';
import { priceAndCheck } from './sale-pricing.js';
import { findSale, loadDoc } from './sales.repository.js';
import type { SaleBody } from './sales.schema.js';

/**
 * POST /sales: a complete sale from the register (also what the offline outbox replays). Re-priced by
 * the server, paid exactly, numbered and recorded with all its effects in one transaction.
 * The sale id is the document's identity: a second request with the same id and body replays the
 * stored answer; the same id arriving under another Idempotency-Key returns the stored sale (200).
 */
export async function completeSale(
  ctx: RequestContext,
  opts: { store: StoreRow; register: RegisterRow; body: SaleBody; key: string; overrideBy: string | null },
): Promise<StoredResponse> {
  const { store, register, body } = opts;
  const allCash = isAllCash(body.payments);
  const price = (c: RequestContext) =>
    priceAndCheck(
      c,
      store,
      { lines: body.lines, cartDiscount: body.cartDiscount, coupons: body.coupons, registerTotal: body.totals.total, catalogSeq: body.catalogSeq, at: body.pricedAt ? new Date(body.pricedAt) : c.clock.now() },
      (d) => (allCash ? d.cashTotal : d.total),
    );
  // A sale that exists already (sent again under another key) is answered as stored, never re-priced.
  const prepare = async () => ((await findSale(ctx, body.id)) ? null : price(ctx));
  // No key lookup first: a repeat finds its sale (below) and then fails on the key row, which answers it.
  return idempotent(ctx, { key: opts.key, storeId: store.id, route: 'POST /sales', body, prepare, lookupFirst: false }, async (tx, prepared) => {
    if (await findSale(tx, body.id)) return { statusCode: 200, body: presentSale((await loadDoc(tx, body.id))!) };
    const doc = prepared ?? (await price(tx));
    const payments = await planPayments(tx, { saleId: body.id, storeId: store.id, registerId: register.id, kind: 'sale', payments: body.payments, field: 'body.payments' });
    assertPaid(payments as { amount: number; status: 'approved' }[], allCash ? doc.cashTotal : doc.total, 'body.payments');
    const sale = saleRow(tx, {
      id: body.id,
      store,
      registerId: register.id,
      kind: 'sale',
      doc,
      rounding: allCash ? doc.cashRounding : 0,
      customerId: body.customerId,
      catalogSeq: body.catalogSeq ?? null,
      pricedAt: body.pricedAt ?? null,
      training: body.training,
    });
    const completed = await completeDocument(tx, {
      sale,
      lines: lineRows(body.id, doc.lines, opts.overrideBy),
      payments,
      registerSeq: body.registerSeq,
      receiptNo: body.receiptNo,
      existing: false,
      stockPolicy: store.negative_stock_policy,
      ...(doc.priceSource === 'register' && { journal: { registerPrices: doc.registerPrices } }),
    });
    return { statusCode: 201, body: presentSale(completed) };
  });
}
