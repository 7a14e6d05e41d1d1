import { sql, type Kysely } from 'kysely';

/**
 * Receipts (issue 6): per-store receipt templates and public digital-receipt links.
 *
 * `receipt_links.token` is stored as issued (not hashed): the same token must be printed again on a
 * reprint (QR) and returned again by the idempotent POST, so the server has to be able to show it.
 * A hash would only protect against someone who can already read the database — and with it the
 * receipt itself. The token is 128 random bits (unguessable), looked up through a unique index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('receipt_templates')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('header', 'text', (c) => c.notNull())
    .addColumn('footer', 'text', (c) => c.notNull())
    .addColumn('logo_png', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('receipt_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('sale_id', 'text', (c) => c.notNull().references('sales.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  // At most one live link per sale (two concurrent POSTs cannot both mint one); revoked ones stay as history.
  await sql`CREATE UNIQUE INDEX receipt_links_live_sale ON receipt_links (sale_id) WHERE revoked_at IS NULL`.execute(db);
}
