import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { directExec, lendDirect } from './direct-sql.js';

type Work = (trx: Transaction<DB>) => Promise<unknown>;
interface Job {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Another process holds SQLite's write lock (thrown by `begin immediate` instead of waiting). */
export class WriterBusyError extends Error {
  readonly code = 'SQLITE_BUSY';
  constructor() {
    super('another process is writing to the database');
  }
}

async function statement(trx: Transaction<DB>, text: string): Promise<void> {
  const direct = directExec(trx);
  if (direct) direct(text, []);
  else await sql.raw(text).execute(trx);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Group commit for SQLite. With synchronous=FULL every COMMIT waits for an fsync (about 1 ms here),
 * which caps one connection at roughly a thousand transactions a second however little each does.
 * SQLite has one writer anyway, so transactions that arrive while one is running are queued and then
 * run back to back inside ONE transaction, each in its own savepoint: a failing unit is rolled back to
 * its savepoint and fails alone, the others commit together with one fsync. Nobody is answered before
 * that COMMIT returned, so an acknowledged write is still on disk (durability unchanged); a unit never
 * sees another unit's uncommitted writes fail under it, because a failed unit's writes are undone
 * before the next unit starts. A lone transaction runs as before, without savepoints, one event-loop
 * turn later.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private draining = false;
  /**
   * Totals for /metrics: COMMITs issued, units (transactions asked for) that went into them, and how
   * often a BEGIN found another process holding the write lock.
   */
  readonly stats = { commits: 0, units: 0, lockWaits: 0 };

  constructor(
    private readonly db: Kysely<DB>,
    private readonly maxBatch = 64,
    /** How long a batch keeps asking for the write lock before its transactions fail (like busy_timeout). */
    private readonly lockWaitMs = 5000,
  ) {}

  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Start on the next turn of the event loop, not now: better-sqlite3 runs every statement
        // synchronously, so a transaction started at once would finish before any other request got
        // the connection for its reads and reached this queue — every batch would be a batch of one.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.stats.commits += 1;
        this.stats.units += batch.length;
        if (batch.length === 1) {
          const job = batch[0]!;
          await this.transaction(job.work).then(job.resolve, job.reject);
          continue;
        }
        const outcomes: Outcome[] = [];
        try {
          await this.transaction(async (trx) => {
            for (const job of batch) {
              await statement(trx, 'savepoint group_commit');
              try {
                outcomes.push({ ok: true, value: await job.work(trx) });
                await statement(trx, 'release savepoint group_commit');
              } catch (error) {
                await statement(trx, 'rollback to savepoint group_commit');
                await statement(trx, 'release savepoint group_commit');
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch (error) {
          // The COMMIT (or a savepoint statement) failed: nothing of the batch is durable.
          for (const job of batch) job.reject(error);
          continue;
        }
        batch.forEach((job, i) => {
          const o = outcomes[i]!;
          if (o.ok) job.resolve(o.value);
          else job.reject(o.error);
        });
      }
    } finally {
      this.draining = false;
    }
  }

  /** A transaction whose BEGIN is retried, without blocking the event loop, while another process writes. */
  private async transaction(work: Work): Promise<unknown> {
    const deadline = Date.now() + this.lockWaitMs;
    for (;;) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          // The connection is this transaction's until COMMIT: its compiled statements may run on it directly.
          const release = lendDirect(this.db, trx);
          try {
            return await work(trx);
          } finally {
            release();
          }
        });
      } catch (err) {
        // Only BEGIN throws WriterBusyError, so `work` has not run yet and may run again.
        if (!(err instanceof WriterBusyError) || Date.now() > deadline) throw err;
        this.stats.lockWaits += 1;
        await sleep(0);
      }
    }
  }
}

const registry = new WeakMap<object, GroupCommit>();

/** Makes `inTransaction` on this Kysely instance use group commit (SQLite only). */
export function enableGroupCommit(db: Kysely<DB>, maxBatch?: number): void {
  registry.set(db, new GroupCommit(db, maxBatch));
}

export function groupCommitOf(db: Kysely<DB>): GroupCommit | undefined {
  return registry.get(db);
}
