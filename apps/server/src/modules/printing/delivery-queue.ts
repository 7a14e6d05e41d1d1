import { EventEmitter } from 'node:events';
import { uuidv7 } from '@opentill/core';
import type { Kysely } from 'kysely';
import { iso } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import type { DB, DeliveryChannel, DeliveryJobsTable } from '../../platform/db/schema.js';
import { isUniqueViolation } from '../../platform/db/dialect-sql.js';

export type DeliveryJob = DeliveryJobsTable;
export interface JobOptions {
  copy?: boolean;
  openDrawer?: boolean;
}

/**
 * In-process hint that a job was queued, so a worker in this process sends it at once instead of at
 * its next poll. Workers of other servers find the job by polling; the hint is never needed for
 * correctness.
 */
export const queueSignal = new EventEmitter();
queueSignal.setMaxListeners(0);

export interface EnqueueInput {
  orgId: string;
  storeId: string;
  channel: DeliveryChannel;
  registerId?: string | null;
  saleId?: string | null;
  recipient?: string | null;
  options?: JobOptions;
  /** Automatic jobs: a second enqueue with the same key returns the first job. */
  dedupeKey?: string;
}

/** Inserts a queued job through ctx.db (inside the caller's transaction when there is one). */
export async function enqueueDelivery(ctx: RequestContext, input: EnqueueInput): Promise<DeliveryJob> {
  const now = iso(ctx.clock.now());
  const row: DeliveryJob = {
    id: uuidv7(ctx.clock.now().getTime()),
    org_id: input.orgId,
    store_id: input.storeId,
    channel: input.channel,
    register_id: input.registerId ?? null,
    sale_id: input.saleId ?? null,
    recipient: input.recipient ?? null,
    options: JSON.stringify(input.options ?? {}),
    dedupe_key: input.dedupeKey ?? null,
    status: 'queued',
    attempts: 0,
    next_attempt_at: now,
    lease_owner: null,
    lease_until: null,
    last_error: null,
    created_by: ctx.actor?.userId ?? null,
    created_at: now,
    updated_at: now,
    done_at: null,
  };
  try {
    await ctx.db.insertInto('delivery_jobs').values(row).execute();
  } catch (err) {
    if (!input.dedupeKey || !isUniqueViolation(err)) throw err;
    return ctx.db
      .selectFrom('delivery_jobs')
      .selectAll()
      .where('dedupe_key', '=', input.dedupeKey)
      .executeTakeFirstOrThrow();
  }
  const hint = () => queueSignal.emit('queued', row.channel);
  if (ctx.afterCommit) ctx.afterCommit.push(hint);
  else hint();
  return row;
}

export async function findJob(ctx: RequestContext, id: string): Promise<DeliveryJob | undefined> {
  const orgId = ctx.actor?.orgId ?? '';
  return ctx.db
    .selectFrom('delivery_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}

export const jobOptions = (job: DeliveryJob): JobOptions => JSON.parse(job.options) as JobOptions;

/** Print and drawer jobs of a register that have not been sent yet. */
export async function countWaiting(db: Kysely<DB>, registerId: string): Promise<number> {
  const row = await db
    .selectFrom('delivery_jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('register_id', '=', registerId)
    .where('channel', 'in', ['print', 'drawer'])
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether an original (not a copy) receipt of the sale was already queued or printed. */
export async function hasOriginalPrint(db: Kysely<DB>, saleId: string): Promise<boolean> {
  const rows = await db
    .selectFrom('delivery_jobs')
    .select('options')
    .where('sale_id', '=', saleId)
    .where('channel', '=', 'print')
    .where('status', 'in', ['queued', 'sending', 'sent'])
    .execute();
  return rows.some((r) => !(JSON.parse(r.options) as JobOptions).copy);
}

/**
 * Claims one due job with a lease. The UPDATE re-checks that the job is still claimable (queued and
 * due, or its lease expired), so of two servers racing for it exactly one gets a row back. Print
 * and drawer jobs of a printer go one at a time: a job is not claimed while another of the same
 * register holds a live lease.
 */
export async function claimJob(
  db: Kysely<DB>,
  id: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<DeliveryJob | undefined> {
  const at = iso(now);
  const result = await db
    .updateTable('delivery_jobs')
    .set((eb) => ({
      status: 'sending',
      lease_owner: owner,
      lease_until: iso(new Date(now.getTime() + leaseMs)),
      attempts: eb('attempts', '+', 1),
      updated_at: at,
    }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('register_id', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('delivery_jobs as other')
              .select('other.id')
              .whereRef('other.register_id', '=', 'delivery_jobs.register_id')
              .where('other.id', '!=', id)
              .where('other.status', '=', 'sending')
              .where('other.lease_until', '>=', at),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return db
    .selectFrom('delivery_jobs')
    .selectAll()
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
}

/** Ids of jobs that may be claimable now, oldest first. */
export async function dueJobIds(db: Kysely<DB>, now: Date, limit: number): Promise<string[]> {
  const at = iso(now);
  const rows = await db
    .selectFrom('delivery_jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export type JobOutcome =
  | { kind: 'sent' }
  /** Try again later (printer offline, SMTP 4xx, network). */
  | { kind: 'retry'; error: string }
  /** Give up: nothing more to try (not configured, expired, sale gone). */
  | { kind: 'failed'; error: string }
  /** The recipient was refused for good (SMTP 5xx on RCPT, invalid number). */
  | { kind: 'bounced'; error: string };

/** Records the outcome of an attempt; only the lease holder may (a late worker whose lease expired changes nothing). */
export async function settleJob(
  db: Kysely<DB>,
  job: DeliveryJob,
  owner: string,
  outcome: JobOutcome,
  now: Date,
  retryAt: Date | null,
): Promise<void> {
  const at = iso(now);
  const base = db
    .updateTable('delivery_jobs')
    .where('id', '=', job.id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending');
  if (outcome.kind === 'sent') {
    await base
      .set({
        status: 'sent',
        lease_owner: null,
        lease_until: null,
        last_error: null,
        updated_at: at,
        done_at: at,
      })
      .execute();
  } else if (outcome.kind === 'retry' && retryAt) {
    await base
      .set({
        status: 'queued',
        lease_owner: null,
        lease_until: null,
        last_error: outcome.error,
        next_attempt_at: iso(retryAt),
        updated_at: at,
      })
      .execute();
  } else {
    const status = outcome.kind === 'bounced' ? 'bounced' : 'failed';
    await base
      .set({
        status,
        lease_owner: null,
        lease_until: null,
        last_error: outcome.error,
        updated_at: at,
        done_at: at,
      })
      .execute();
  }
}

/** The printer answered: jobs waiting for it in back-off are due now (and go out in queue order). */
export async function wakePrinterJobs(db: Kysely<DB>, registerId: string, now: Date): Promise<void> {
  await db
    .updateTable('delivery_jobs')
    .set({ next_attempt_at: iso(now) })
    .where('register_id', '=', registerId)
    .where('status', '=', 'queued')
    .where('next_attempt_at', '>', iso(now))
    .execute();
}
