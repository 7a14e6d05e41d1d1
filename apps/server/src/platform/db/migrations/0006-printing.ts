import type { Kysely } from 'kysely';

/**
 * Receipt printers and the delivery queue (issue 6): one network printer per register, and one
 * persistent queue for everything sent outside the request (paper receipts, drawer kicks, emails,
 * SMS). Portable SQL only (see 0001).
 *
 * A job is claimed by a conditional UPDATE that sets a lease (`lease_owner`, `lease_until`), so
 * several servers may run workers and each job is sent by one of them; an expired lease (a server
 * died mid-send) makes the job claimable again. `dedupe_key` keeps automatic jobs single (a sale's
 * auto-print is queued once even when the event is delivered twice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('printer_configs')
    .addColumn('register_id', 'text', (c) => c.primaryKey().references('registers.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('codepage', 'text', (c) => c.notNull())
    .addColumn('auto_print', 'integer', (c) => c.notNull())
    // Last known state: unknown | ready | paper_out | cover_open | offline (+ the error text).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('status_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('delivery_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    // print | drawer | email | sms
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('register_id', 'text', (c) => c.references('registers.id'))
    .addColumn('sale_id', 'text', (c) => c.references('sales.id'))
    .addColumn('recipient', 'text')
    // JSON: { copy?, openDrawer? }
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    // queued | sending | sent | failed | bounced
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('delivery_jobs_due_idx')
    .on('delivery_jobs')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('delivery_jobs_register_idx')
    .on('delivery_jobs')
    .columns(['register_id', 'status'])
    .execute();
  await db.schema.createIndex('delivery_jobs_sale_idx').on('delivery_jobs').columns(['sale_id']).execute();
}
