import type { Kysely } from 'kysely';

/**
 * Checkout ledgers (issue 4): the stock ledger (append-only movements + levels), the per-store
 * hash-chained fiscal journal, and shifts with incrementally maintained totals and cash movements.
 * Portable SQL only (see 0001). Sales themselves are 0004.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // ---- stock ----
  await db.schema
    .alterTable('stores')
    .addColumn('negative_stock_policy', 'text', (c) => c.notNull().defaultTo('allow'))
    .execute();

  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('variant_id', 'text', (c) => c.references('variants.id'))
    // '' for the product itself: NULLs are distinct in unique keys on both databases.
    .addColumn('variant_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('qty_milli', 'bigint', (c) => c.notNull())
    .addColumn('ref_type', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('ref_line_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The same document line can never move stock twice (retries, replays, double taps).
    .addUniqueConstraint('stock_movements_ref_uq', ['ref_type', 'ref_id', 'ref_line_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('stock_movements_product_idx')
    .on('stock_movements')
    .columns(['store_id', 'product_id', 'variant_key', 'id'])
    .execute();
  await db.schema.createIndex('stock_movements_store_idx').on('stock_movements').columns(['store_id', 'id']).execute();

  await db.schema
    .createTable('stock_levels')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('variant_key', 'text', (c) => c.notNull())
    .addColumn('qty_milli', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_levels_pk', ['store_id', 'product_id', 'variant_key'])
    .execute();

  // ---- journal ----
  await db.schema
    .createTable('journal_heads')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('journal_entries')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('register_id', 'text')
    .addColumn('shift_id', 'text')
    .addColumn('document_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_entries_pk', ['store_id', 'seq'])
    .execute();
  await db.schema.createIndex('journal_entries_document_idx').on('journal_entries').columns(['document_id']).execute();

  // ---- shifts and cash ----
  await db.schema
    .alterTable('registers')
    .addColumn('z_counter', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    // = register_id while open, NULL once closed: the unique key allows one open shift per register
    // (NULLs never collide, on SQLite or PostgreSQL).
    .addColumn('open_register_id', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text')
    .addColumn('opened_by_name', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opening_float', 'bigint', (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_by_name', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('z_number', 'integer')
    .addColumn('counted_cash', 'bigint')
    .addColumn('expected_cash', 'bigint')
    .addColumn('over_short', 'bigint')
    .addColumn('counted_denominations', 'text')
    .addUniqueConstraint('shifts_register_z_uq', ['register_id', 'z_number'])
    .execute();
  await db.schema.createIndex('shifts_register_idx').on('shifts').columns(['register_id', 'opened_at']).execute();

  await db.schema
    .createTable('shift_totals')
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('shift_totals_pk', ['shift_id', 'key'])
    .execute();

  await db.schema
    .createTable('cash_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shift_id', 'text', (c) => c.notNull().references('shifts.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('register_id', 'text', (c) => c.notNull().references('registers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cash_movements_shift_idx').on('cash_movements').columns(['shift_id', 'created_at']).execute();
}
