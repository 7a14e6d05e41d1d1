import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api/api-error';
import { ApprovalQueue, approveAndRun, isApprovalError, lockedUntil } from './approval-state';

const wrongPin = () => new ApiError(401, 'invalid_pin', 'Wrong PIN', { attemptsLeft: 3 });

/** Answers the dialog's current request once it is shown. */
async function answer(queue: ApprovalQueue, pin: string | null) {
  await Promise.resolve();
  const current = queue.current();
  if (!current) throw new Error('no request shown');
  queue.answer(current.id, pin);
  return current;
}

describe('manager approval', () => {
  it('resolves with the PIN entered, or null when cancelled', async () => {
    const queue = new ApprovalQueue();
    const first = queue.request('Refund');
    expect(queue.current()?.reason).toBe('Refund');
    await answer(queue, '9999');
    expect(await first).toBe('9999');
    expect(queue.current()).toBeNull();

    const second = queue.request('Remove line');
    await answer(queue, null);
    expect(await second).toBeNull();
  });

  it('shows one request at a time, in order', async () => {
    const queue = new ApprovalQueue();
    const a = queue.request('A');
    const b = queue.request('B');
    expect(queue.current()?.reason).toBe('A');
    queue.answer(queue.current()!.id + 1, '1111'); // not the request shown: ignored
    expect(queue.current()?.reason).toBe('A');
    await answer(queue, '1111');
    expect(queue.current()?.reason).toBe('B');
    await answer(queue, '2222');
    expect([await a, await b]).toEqual(['1111', '2222']);
  });

  it('asks again with the server error after a wrong PIN, then runs the action', async () => {
    const queue = new ApprovalQueue();
    const tried: string[] = [];
    const result = approveAndRun(queue, 'Refund', async (pin) => {
      tried.push(pin);
      if (pin !== '9999') throw wrongPin();
      return 'refunded';
    });
    expect((await answer(queue, '0000')).error).toBeNull();
    const retry = await answer(queue, '9999');
    expect(retry.error?.code).toBe('invalid_pin');
    expect(await result).toBe('refunded');
    expect(tried).toEqual(['0000', '9999']);
  });

  it('gives up quietly when the cashier cancels after a wrong PIN', async () => {
    const queue = new ApprovalQueue();
    const result = approveAndRun(queue, 'Refund', () => Promise.reject(wrongPin()));
    await answer(queue, '0000');
    await answer(queue, null);
    expect(await result).toBeNull();
  });

  it('passes other errors through instead of asking for a PIN again', async () => {
    const queue = new ApprovalQueue();
    const result = approveAndRun(queue, 'Refund', () => Promise.reject(new ApiError(409, 'refund_exceeds_sold', 'x')));
    await answer(queue, '9999');
    await expect(result).rejects.toMatchObject({ code: 'refund_exceeds_sold' });
    expect(queue.current()).toBeNull();
  });

  it('reads the lockout end from a pin_locked answer', () => {
    const until = '2026-11-27T16:05:00.000Z';
    expect(lockedUntil(new ApiError(423, 'pin_locked', 'locked', { lockedUntil: until }))).toBe(Date.parse(until));
    expect(lockedUntil(wrongPin())).toBeNull();
    expect(isApprovalError(new ApiError(403, 'override_denied', 'no'))).toBe(true);
    expect(isApprovalError(new ApiError(403, 'permission_denied', 'no'))).toBe(false);
  });

  it('cancels everything waiting when the host goes away', async () => {
    const queue = new ApprovalQueue();
    const a = queue.request('A');
    const b = queue.request('B');
    queue.cancelAll();
    expect([await a, await b]).toEqual([null, null]);
  });
});
