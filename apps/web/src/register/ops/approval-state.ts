// The manager-approval dialog as plain state, so its rules are testable without a DOM.
import { ApiError, timeDetail } from '../../lib/api/api-error';

export interface ApprovalRequest {
  id: number;
  reason: string;
  /** The server's answer to the previous PIN (wrong PIN, not allowed, locked), shown above the pad. */
  error: ApiError | null;
  resolve: (pin: string | null) => void;
}

/** Errors that mean "this PIN did not approve" — ask again instead of failing the action. */
export function isApprovalError(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'invalid_pin' || error.code === 'override_denied' || error.code === 'pin_locked');
}

/** Until when PIN entry is locked on this register (epoch ms), from a `pin_locked` answer. */
export function lockedUntil(error: ApiError | null): number | null {
  if (!error || error.code !== 'pin_locked') return null;
  return timeDetail(error, 'lockedUntil') ?? null;
}

/**
 * One request at a time: a second request while the dialog is open waits in line (two screens
 * asking at once must not resolve each other's promise).
 */
export class ApprovalQueue {
  private queue: ApprovalRequest[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The request the dialog shows, or null when closed. */
  current = (): ApprovalRequest | null => this.queue[0] ?? null;

  request(reason: string, error: ApiError | null = null): Promise<string | null> {
    return new Promise((resolve) => {
      this.queue = [...this.queue, { id: this.nextId++, reason, error, resolve }];
      this.emit();
    });
  }

  /** The dialog's answer for the request it shows: a PIN, or null when cancelled. */
  answer(id: number, pin: string | null): void {
    const head = this.queue[0];
    if (!head || head.id !== id) return;
    this.queue = this.queue.slice(1);
    head.resolve(pin);
    this.emit();
  }

  /** Cancels everything (the cashier logged out or the host unmounted). */
  cancelAll(): void {
    const pending = this.queue;
    this.queue = [];
    for (const r of pending) r.resolve(null);
    if (pending.length) this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

/**
 * Runs `action` with a manager's PIN: asks, runs, and on a wrong PIN (or one whose owner may not
 * approve, or a lockout) asks again showing the server's error. Null when the cashier cancels.
 */
export async function approveAndRun<T>(
  queue: ApprovalQueue,
  reason: string,
  action: (pin: string) => Promise<T>,
): Promise<T | null> {
  let error: ApiError | null = null;
  for (;;) {
    const pin = await queue.request(reason, error);
    if (pin === null) return null;
    try {
      return await action(pin);
    } catch (e) {
      if (!isApprovalError(e)) throw e;
      error = e;
    }
  }
}
