import { markRejected, markRetry, markSynced } from './outbox';
import type { QueueEntry, RegisterDb, SaleReceipt, SyncError } from './register-db';

/**
 * Drains the outbox — sales (POST /api/v1/sales), refunds of local sales, cash movements and audit
 * events — oldest queue position (`seq`) first, so a refund never reaches the server before its sale. One run at a time per page
 * (single flight) and — with Web Locks — per browser, so two tabs never send concurrently. Sending is
 * safe to repeat: the sale id and Idempotency-Key make the server answer a replay with the stored sale.
 *
 * Outcomes per entry:
 * - 2xx → synced, with the server's numbers (store sequence, receipt) and price source kept locally.
 * - network error, 5xx, 408, 429 → retried with exponential backoff; the run stops (server unreachable).
 * - 401 → stays pending; the run stops until a cashier signs in again.
 * - any other 4xx (price_mismatch, shift_closed, …) → rejected: kept, shown to a manager, never dropped.
 */

export type SendOutcome = { ok: true; receipt: SaleReceipt } | { ok: false; error: SyncError };
export type SendSale = (entry: QueueEntry) => Promise<SendOutcome>;

export interface SyncWorkerOptions {
  send: SendSale;
  now?: () => number;
  /** Backoff: base * 2^(attempts-1), capped, with ±20 % jitter so registers do not retry in step. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  /** Cross-tab mutual exclusion; default: navigator.locks when available. */
  withLock?: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  onChange?: () => void;
}

export type RunResult = { sent: number; rejected: number; stopped: 'done' | 'offline' | 'unauthenticated' | 'locked' };

export function backoffDelay(attempts: number, base: number, max: number, random: () => number): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

const transient = (e: SyncError) => e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429;

function webLock(name: string) {
  return async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return fn();
    // ifAvailable: another tab is draining; it will pick up our entries too.
    return locks.request(name, { ifAvailable: true }, async (lock) => (lock ? fn() : undefined));
  };
}

export class SyncWorker {
  private running: Promise<RunResult> | null = null;
  private again = false;
  private force = false;
  private failures = 0;
  private pausedUntil = 0;
  private readonly now: () => number;
  private readonly base: number;
  private readonly max: number;
  private readonly random: () => number;
  private readonly withLock: <T>(fn: () => Promise<T>) => Promise<T | undefined>;

  constructor(
    private readonly db: RegisterDb,
    private readonly opts: SyncWorkerOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.base = opts.baseDelayMs ?? 1000;
    this.max = opts.maxDelayMs ?? 60_000;
    this.random = opts.random ?? Math.random;
    this.withLock = opts.withLock ?? webLock(`opentill-outbox-${db.name}`);
  }

  /** Starts a run, or — if one is running — makes it go round once more (new sales arrived). */
  run(opts: { force?: boolean } = {}): Promise<RunResult> {
    if (opts.force) this.force = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let result: RunResult;
      do {
        this.again = false;
        const force = this.force;
        this.force = false;
        result = (await this.withLock(() => this.drain(force))) ?? { sent: 0, rejected: 0, stopped: 'locked' };
      } while (this.again && result.stopped === 'done');
      return result;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Epoch ms when the next run is due (now, or after the backoff), or null when nothing waits. */
  async nextDueAt(): Promise<number | null> {
    if ((await this.db.outbox.where('status').equals('pending').count()) === 0) return null;
    return Math.max(this.pausedUntil, 0);
  }

  /** `force`: the connection just came back — try now, whatever the backoff said. */
  private async drain(force: boolean): Promise<RunResult> {
    let sent = 0;
    let rejected = 0;
    // The server is either reachable or not: one backoff for the whole queue, so an outage costs
    // one request per interval, not one per waiting sale.
    if (!force && this.now() < this.pausedUntil) return { sent, rejected, stopped: 'offline' };
    const pending = await this.db.outbox.where('status').equals('pending').sortBy('seq');
    for (const entry of pending) {
      // Re-read: another tab may have sent it since we listed.
      const fresh = await this.db.outbox.get(entry.id);
      if (!fresh || fresh.status !== 'pending') continue;
      if (fresh.kind === 'refund') {
        const original = await this.db.outbox.get(fresh.originalId);
        // Queued earlier, so normally synced by now; if it was put back in the queue, wait for it.
        if (original?.status === 'pending') continue;
        if (original?.status === 'rejected') {
          const error = { status: 409, code: 'original_not_synced', message: `The refunded sale ${fresh.originalReceiptNo} did not reach the server` };
          await markRejected(this.db, fresh.id, error, fresh.attempts);
          rejected += 1;
          this.opts.onChange?.();
          continue;
        }
      }
      let outcome: SendOutcome;
      try {
        outcome = await this.opts.send(fresh);
      } catch (err) {
        outcome = { ok: false, error: { status: 0, code: 'network_error', message: err instanceof Error ? err.message : String(err) } };
      }
      const attempts = fresh.attempts + 1;
      // Any real answer means the server is there again.
      if (outcome.ok || !transient(outcome.error)) [this.failures, this.pausedUntil] = [0, 0];
      if (outcome.ok) {
        await markSynced(this.db, fresh.id, outcome.receipt, new Date(this.now()).toISOString());
        sent += 1;
      } else if (transient(outcome.error)) {
        this.failures += 1;
        this.pausedUntil = this.now() + backoffDelay(this.failures, this.base, this.max, this.random);
        await markRetry(this.db, fresh.id, outcome.error, attempts, this.pausedUntil);
        this.opts.onChange?.();
        return { sent, rejected, stopped: 'offline' };
      } else if (outcome.error.status === 401) {
        await markRetry(this.db, fresh.id, outcome.error, fresh.attempts, 0);
        this.opts.onChange?.();
        return { sent, rejected, stopped: 'unauthenticated' };
      } else {
        await markRejected(this.db, fresh.id, outcome.error, attempts);
        rejected += 1;
      }
      this.opts.onChange?.();
    }
    return { sent, rejected, stopped: 'done' };
  }
}
