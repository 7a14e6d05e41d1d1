import { uuidv7 } from '@opentill/core';
import type { DeliveryChannel } from '../../platform/db/schema.js';
import {
  claimJob,
  dueJobIds,
  queueSignal,
  settleJob,
  type DeliveryJob,
  type JobOutcome,
} from './delivery-queue.js';
import type { WorkerEnv } from './print-jobs.js';

export type JobHandler = (job: DeliveryJob, env: WorkerEnv) => Promise<JobOutcome>;

interface RetryPolicy {
  /** Delay before attempt n+1 after n failed attempts. */
  backoffMs(attempts: number): number;
  maxAttempts: number;
  /** A job older than this is given up instead of retried. */
  maxAgeMs: number;
}

const exp = (baseMs: number, capMs: number) => (attempts: number) =>
  Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));

/**
 * Printers come back within minutes (paper changed, cable replugged) and the receipt should follow
 * at once, so print back-off stays short; a successful print or probe also wakes the printer's
 * waiting jobs. Mail and SMS providers get the usual longer back-off.
 */
export const RETRY: Record<DeliveryChannel, RetryPolicy> = {
  print: { backoffMs: exp(2_000, 30_000), maxAttempts: 10_000, maxAgeMs: 24 * 3600_000 },
  drawer: { backoffMs: exp(2_000, 10_000), maxAttempts: 10, maxAgeMs: 60_000 },
  email: { backoffMs: exp(30_000, 3600_000), maxAttempts: 8, maxAgeMs: 48 * 3600_000 },
  sms: { backoffMs: exp(30_000, 3600_000), maxAttempts: 8, maxAgeMs: 48 * 3600_000 },
};

export interface DeliveryWorkerOptions {
  env: WorkerEnv;
  handlers: Partial<Record<DeliveryChannel, JobHandler>>;
  /** Unique per process; leases name their holder. */
  id?: string;
  leaseMs?: number;
  batch?: number;
  onError?: (err: unknown, job?: DeliveryJob) => void;
}

/**
 * Sends queued jobs. Stateless: any number of servers may run one against the same database; the
 * lease taken in `claimJob` decides who sends a job, and an expired lease (a crashed server) lets
 * another take over.
 */
export class DeliveryWorker {
  readonly id: string;
  private running: Promise<number> | null = null;
  private again = false;

  constructor(private readonly opts: DeliveryWorkerOptions) {
    this.id = opts.id ?? `worker-${uuidv7()}`;
  }

  /** Sends everything due now; resolves with the number of attempts made. Overlapping calls coalesce. */
  tick(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const n = await this.pass();
            total += n;
            if (n === 0) break;
          }
        } while (this.again);
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  private async pass(): Promise<number> {
    const { env, handlers } = this.opts;
    const now = env.clock.now();
    const ids = await dueJobIds(env.db, now, this.opts.batch ?? 50);
    let attempted = 0;
    await Promise.all(
      ids.map(async (id) => {
        const job = await claimJob(env.db, id, this.id, now, this.opts.leaseMs ?? 120_000);
        if (!job) return;
        const handler = handlers[job.channel];
        if (!handler) {
          // Another process's job kind (this one has no handler): hand it back untouched.
          await env.db
            .updateTable('delivery_jobs')
            .set({ status: 'queued', lease_owner: null, lease_until: null, attempts: job.attempts - 1 })
            .where('id', '=', id)
            .where('lease_owner', '=', this.id)
            .execute();
          return;
        }
        attempted++;
        let outcome: JobOutcome;
        try {
          outcome = await handler(job, env);
        } catch (err) {
          this.opts.onError?.(err, job);
          outcome = { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
        }
        const at = env.clock.now();
        const policy = RETRY[job.channel];
        let retryAt: Date | null = null;
        if (outcome.kind === 'retry') {
          const tooOld = at.getTime() - Date.parse(job.created_at) > policy.maxAgeMs;
          if (tooOld || job.attempts >= policy.maxAttempts)
            outcome = { kind: 'failed', error: `Gave up after ${job.attempts} attempts: ${outcome.error}` };
          else retryAt = new Date(at.getTime() + policy.backoffMs(job.attempts));
        }
        await settleJob(env.db, job, this.id, outcome, at, retryAt);
      }),
    );
    return attempted;
  }
}

export interface PeriodicRunner {
  stop(): Promise<void>;
}

/** Runs `worker.tick` every `pollMs`, at once when a job is queued in this process, and `extra` tasks on their own period. */
export function runPeriodically(
  worker: DeliveryWorker,
  opts: {
    pollMs: number;
    extra?: { everyMs: number; run: () => Promise<void> }[];
    onError: (err: unknown) => void;
  },
): PeriodicRunner {
  let stopped = false;
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch(opts.onError).finally(() => pending.delete(q));
    pending.add(q);
  };
  const kick = () => {
    if (!stopped) track(worker.tick());
  };
  const timers = [setInterval(kick, opts.pollMs)];
  for (const task of opts.extra ?? []) {
    let busy = false;
    timers.push(
      setInterval(() => {
        if (stopped || busy) return;
        busy = true;
        track(task.run().finally(() => (busy = false)));
      }, task.everyMs),
    );
  }
  for (const t of timers) t.unref();
  queueSignal.on('queued', kick);
  kick();
  return {
    async stop() {
      stopped = true;
      queueSignal.off('queued', kick);
      for (const t of timers) clearInterval(t);
      await Promise.all([...pending]);
    },
  };
}
