import type { Kysely } from 'kysely';

/**
 * Sales (issue 4): sale/refund/exchange documents with lines and payments, per-store document
 * numbering, idempotency keys and card-terminal attempts. Portable SQL only (see 0001).
 *
 * Duplicates are prevented by keys, never by timing: `sales.id` / `sale_lines.id` /
 * `sale_payments.id` are the register's UUIDv7s, `idempotency_keys.key` replays a stored answer,
 * UNIQUE(register_id, register_seq) and UNIQUE(store_id, store_seq) keep numbers single-use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('store_seq')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sales')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('device_id', 'text')
    .addColumn('shift_id', 'text')
    .addColumn('cashier_id', 'text')
    .addColumn('customer_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('original_sale_id', 'text', (c) => c.references('sales.id'))
    // The number the register assigned; NULL while open, and for a second document claiming a number
    // already used (the conflict stays visible through claimed_register_seq and the sequence report).
    .addColumn('register_seq', 'integer')
    .addColumn('claimed_register_seq', 'integer')
    .addColumn('receipt_no', 'text')
    .addColumn('store_seq', 'integer')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('subtotal', 'integer', (c) => c.notNull())
    .addColumn('discount_total', 'integer', (c) => c.notNull())
    .addColumn('tax_total', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('rounding', 'integer', (c) => c.notNull())
    .addColumn('price_source', 'text', (c) => c.notNull())
    .addColumn('price_difference', 'integer', (c) => c.notNull())
    .addColumn('catalog_seq', 'integer')
    .addColumn('priced_at', 'text')
    .addColumn('vat', 'text', (c) => c.notNull())
    .addColumn('pricing_input', 'text')
    .addColumn('training', 'integer', (c) => c.notNull())
    .addColumn('void_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('parked_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('voided_at', 'text')
    .addUniqueConstraint('sales_register_seq_uq', ['register_id', 'register_seq'])
    .addUniqueConstraint('sales_store_seq_uq', ['store_id', 'store_seq'])
    .execute();
  await db.schema.createIndex('sales_store_completed_idx').on('sales').columns(['store_id', 'completed_at', 'id']).execute();
  await db.schema.createIndex('sales_register_claimed_idx').on('sales').columns(['register_id', 'claimed_register_seq']).execute();
  await db.schema.createIndex('sales_receipt_idx').on('sales').columns(['store_id', 'receipt_no']).execute();
  await db.schema.createIndex('sales_original_idx').on('sales').columns(['original_sale_id']).execute();

  await db.schema
    .createTable('sale_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('qty_milli', 'integer', (c) => c.notNull())
    .addColumn('unit_price', 'integer', (c) => c.notNull())
    .addColumn('base_amount', 'integer', (c) => c.notNull())
    .addColumn('discount', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('net', 'integer', (c) => c.notNull())
    .addColumn('tax', 'integer', (c) => c.notNull())
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('deposit_for', 'text')
    .addColumn('price_override_by', 'text')
    .addColumn('original_line_id', 'text', (c) => c.references('sale_lines.id'))
    .addColumn('refunded_qty_milli', 'integer', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addUniqueConstraint('sale_lines_no_uq', ['sale_id', 'line_no'])
    .execute();
  await db.schema.createIndex('sale_lines_original_idx').on('sale_lines').columns(['original_line_id']).execute();

  await db.schema
    .createTable('sale_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('tender', 'text', (c) => c.notNull())
    .addColumn('custom_name', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('tendered', 'integer')
    .addColumn('change', 'integer', (c) => c.notNull())
    .addColumn('tip', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('card_brand', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('auth_code', 'text')
    .addColumn('terminal_ref', 'text')
    .addColumn('terminal_tx_id', 'text')
    .addColumn('voucher_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sale_payments_sale_idx').on('sale_payments').columns(['sale_id']).execute();

  await db.schema
    .createTable('card_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('sale_id', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('tip', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('card_brand', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('auth_code', 'text')
    .addColumn('terminal_ref', 'text', (c) => c.notNull())
    .addColumn('terminal_tx_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('card_payments_ref_uq', ['register_id', 'terminal_ref'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
