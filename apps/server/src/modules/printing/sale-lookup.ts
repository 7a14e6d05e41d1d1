import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/** What delivery needs to know about a sale (read-only; the sales module owns the rows). */
export interface SaleRef {
  id: string;
  org_id: string;
  store_id: string;
  register_id: string;
  status: string;
  kind: string;
  receipt_no: string | null;
}

export async function findSaleRef(
  db: Kysely<DB>,
  orgId: string,
  saleId: string,
): Promise<SaleRef | undefined> {
  return db
    .selectFrom('sales')
    .select(['id', 'org_id', 'store_id', 'register_id', 'status', 'kind', 'receipt_no'])
    .where('id', '=', saleId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

/** Cash changed hands (paid in, or paid out on a refund): the drawer must open. */
export async function hasCashTender(db: Kysely<DB>, saleId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sale_payments')
    .select('id')
    .where('sale_id', '=', saleId)
    .where('tender', '=', 'cash')
    .where('status', '=', 'approved')
    .where('amount', '!=', 0)
    .executeTakeFirst();
  return Boolean(row);
}
