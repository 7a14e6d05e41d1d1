import type { Insertable, Selectable } from 'kysely';
import { iso } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import type { SaleLinesTable, SalePaymentsTable, SalesTable } from '../../platform/db/schema.js';
import { insertRows } from '../../platform/db/insert-rows.js';
import { preparedQuery } from '../../platform/db/prepared-query.js';

export type SaleRow = Selectable<SalesTable>;
export type SaleLineRow = Selectable<SaleLinesTable>;
export type SalePaymentRow = Selectable<SalePaymentsTable>;

/** A sale with its lines and payments, as stored. */
export interface SaleDoc {
  sale: SaleRow;
  lines: SaleLineRow[];
  payments: SalePaymentRow[];
}

const saleById = preparedQuery(
  (db, p: { id: string; orgId: string }) => db.selectFrom('sales').selectAll().where('id', '=', p.id).where('org_id', '=', p.orgId),
  (p) => [p.id, p.orgId],
);

export async function findSale(ctx: RequestContext, id: string): Promise<SaleRow | undefined> {
  return (await saleById(ctx.db, { id, orgId: ctx.actor!.orgId }))[0];
}

/** Locks the sale row for the rest of the transaction (PostgreSQL); SQLite writers are serialised anyway. */
export async function touchSale(tx: RequestContext, id: string, status: SaleRow['status'][]): Promise<boolean> {
  const res = await tx.db
    .updateTable('sales')
    .set({ updated_at: iso(tx.clock.now()) })
    .where('id', '=', id)
    .where('status', 'in', status)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function loadDoc(ctx: RequestContext, id: string): Promise<SaleDoc | undefined> {
  const sale = await findSale(ctx, id);
  if (!sale) return undefined;
  const [lines, payments] = await Promise.all([
    ctx.db.selectFrom('sale_lines').selectAll().where('sale_id', '=', id).orderBy('line_no').execute(),
    loadPayments(ctx, id),
  ]);
  return { sale, lines, payments };
}

const paymentsOfSale = preparedQuery(
  (db, saleId: string) => db.selectFrom('sale_payments').selectAll().where('sale_id', '=', saleId).orderBy('created_at').orderBy('id'),
  (saleId) => [saleId],
);

export async function loadPayments(ctx: RequestContext, saleId: string): Promise<SalePaymentRow[]> {
  return paymentsOfSale(ctx.db, saleId);
}

export async function insertLines(tx: RequestContext, rows: Insertable<SaleLinesTable>[]): Promise<void> {
  await insertRows(tx.db, 'sale_lines', rows);
}

export async function insertSale(tx: RequestContext, row: Insertable<SalesTable>): Promise<void> {
  await insertRows(tx.db, 'sales', [row]);
}

export async function replaceLines(tx: RequestContext, saleId: string, rows: Insertable<SaleLinesTable>[]): Promise<void> {
  await tx.db.deleteFrom('sale_lines').where('sale_id', '=', saleId).execute();
  await insertRows(tx.db, 'sale_lines', rows);
}

export async function insertPayments(tx: RequestContext, rows: Insertable<SalePaymentsTable>[]): Promise<void> {
  await insertRows(tx.db, 'sale_payments', rows);
}

const bumpStoreSeq = preparedQuery(
  (db, storeId: string) => db.updateTable('store_seq').set((eb) => ({ value: eb('value', '+', 1) })).where('store_id', '=', storeId).returning('value'),
  // The increment 1 is a parameter too, bound before the store id.
  (storeId) => [1, storeId],
);

/**
 * Next store-wide document number: the counter row is locked by UPDATE … RETURNING until commit.
 * The row is created on a store's first document only (two first documents at once: one INSERT wins,
 * the other does nothing, and both then take their number by UPDATE).
 */
export async function nextStoreSeq(tx: RequestContext, storeId: string): Promise<number> {
  const bump = async () => (await bumpStoreSeq(tx.db, storeId))[0];
  let row = await bump();
  if (!row) {
    await tx.db.insertInto('store_seq').values({ store_id: storeId, value: 0 }).onConflict((oc) => oc.column('store_id').doNothing()).execute();
    row = await bump();
  }
  return Number(row!.value);
}

const setStoreSeq = preparedQuery(
  (db, p: { storeSeq: number; id: string }) => db.updateTable('sales').set({ store_seq: p.storeSeq }).where('id', '=', p.id),
  (p) => [p.storeSeq, p.id],
);

/**
 * Numbers a completed document store-wide. Taken as late as possible in the completing transaction:
 * the counter row stays locked until COMMIT, so on PostgreSQL every statement of the transaction that
 * runs after it is one the store's other registers wait for.
 */
export async function assignStoreSeq(tx: RequestContext, sale: { id: string; store_id: string }): Promise<number> {
  const storeSeq = await nextStoreSeq(tx, sale.store_id);
  await setStoreSeq(tx.db, { storeSeq, id: sale.id });
  return storeSeq;
}

/** The document that already holds `registerSeq` on the register, if any. */
const registerSeqHolder = preparedQuery(
  (db, p: { registerId: string; registerSeq: number }) =>
    db.selectFrom('sales').select('id').where('register_id', '=', p.registerId).where('register_seq', '=', p.registerSeq),
  (p) => [p.registerId, p.registerSeq],
);

export async function holderOfRegisterSeq(tx: RequestContext, registerId: string, registerSeq: number): Promise<string | undefined> {
  return (await registerSeqHolder(tx.db, { registerId, registerSeq }))[0]?.id;
}

/**
 * Adds `qty` to a line's refunded quantity only while it stays within the sold quantity, in one
 * statement (the row stays locked until commit). Returns the new refunded quantity, or null when the
 * refund would exceed what was sold.
 */
export async function addRefundedQty(tx: RequestContext, lineId: string, qty: number): Promise<number | null> {
  const row = await tx.db
    .updateTable('sale_lines')
    .set((eb) => ({ refunded_qty_milli: eb('refunded_qty_milli', '+', qty) }))
    .where('id', '=', lineId)
    .where((eb) => eb(eb('refunded_qty_milli', '+', qty), '<=', eb.ref('qty_milli')))
    .returning('refunded_qty_milli')
    .executeTakeFirst();
  return row ? Number(row.refunded_qty_milli) : null;
}

export async function claimedSeqs(ctx: RequestContext, registerId: string) {
  return ctx.db
    .selectFrom('sales')
    .select(['id', 'claimed_register_seq', 'receipt_no', 'register_seq'])
    .where('register_id', '=', registerId)
    .where('claimed_register_seq', 'is not', null)
    .orderBy('claimed_register_seq')
    .execute();
}

export async function findByReceipt(ctx: RequestContext, storeId: string, receiptNo: string): Promise<SaleRow[]> {
  return ctx.db
    .selectFrom('sales')
    .selectAll()
    .where('org_id', '=', ctx.actor!.orgId)
    .where('store_id', '=', storeId)
    .where('receipt_no', '=', receiptNo)
    .orderBy('completed_at')
    .execute();
}

export async function listSales(
  ctx: RequestContext,
  f: { storeId: string; registerId?: string | undefined; from?: string | undefined; to?: string | undefined; after?: { at: string; id: string } | undefined; limit: number },
): Promise<SaleRow[]> {
  let q = ctx.db.selectFrom('sales').selectAll().where('store_id', '=', f.storeId).where('completed_at', 'is not', null);
  if (f.registerId) q = q.where('register_id', '=', f.registerId);
  if (f.from) q = q.where('completed_at', '>=', f.from);
  if (f.to) q = q.where('completed_at', '<', f.to);
  if (f.after) {
    const after = f.after;
    q = q.where((eb) => eb.or([eb('completed_at', '>', after.at), eb.and([eb('completed_at', '=', after.at), eb('id', '>', after.id)])]));
  }
  return q.orderBy('completed_at').orderBy('id').limit(f.limit).execute();
}
