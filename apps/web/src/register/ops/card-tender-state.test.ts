import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api/api-error';
import type { CardPayment } from '../../lib/api/register-ops-endpoints';
import { canLeave, canStart, cardTenderReducer, initialCardTender, recoverDelayMs, type CardTenderState } from './card-tender-state';

const payment = (status: CardPayment['status'], id = 'a1'): CardPayment => ({
  id,
  registerId: 'r',
  saleId: null,
  amount: 1250,
  tip: 0,
  status,
  brand: 'girocard',
  last4: '4242',
  authCode: status === 'approved' ? 'A000001' : null,
  next: status === 'timeout' || status === 'pending' ? 'recover' : null,
});

const run = (...events: Parameters<typeof cardTenderReducer>[1][]): CardTenderState =>
  events.reduce(cardTenderReducer, initialCardTender('a1'));

describe('card tender', () => {
  it('charges once and reports the approval', () => {
    const s = run({ type: 'start' }, { type: 'answer', payment: payment('approved'), nextId: 'a2' });
    expect(s).toMatchObject({ kind: 'approved', payment: { id: 'a1', authCode: 'A000001' } });
    expect(canStart(s)).toBe(false);
  });

  it('offers a new attempt with a new id after a decline', () => {
    const s = run({ type: 'start' }, { type: 'answer', payment: payment('declined'), nextId: 'a2' });
    expect(s).toMatchObject({ kind: 'declined', attemptId: 'a2' });
    expect(canStart(s)).toBe(true);
    expect(cardTenderReducer(s, { type: 'start' })).toEqual({ kind: 'charging', attemptId: 'a2' });
  });

  it('never starts or leaves while an answer is lost, until recovery knows the outcome', () => {
    let s = run({ type: 'start' }, { type: 'answer', payment: payment('timeout'), nextId: 'a2' });
    expect(s).toMatchObject({ kind: 'unknown', attemptId: 'a1' });
    expect(canStart(s) || canLeave(s)).toBe(false);
    expect(cardTenderReducer(s, { type: 'start' })).toBe(s);
    s = cardTenderReducer(s, { type: 'recovering' });
    s = cardTenderReducer(s, { type: 'recover_failed', error: new ApiError(0, 'network_error', 'offline') });
    expect(s).toMatchObject({ kind: 'unknown', tries: 1, checking: false });
    // The terminal had approved it after all: recorded once, as approved.
    s = cardTenderReducer(s, { type: 'answer', payment: payment('approved'), nextId: 'a3' });
    expect(s).toMatchObject({ kind: 'approved', payment: { id: 'a1' } });
  });

  it('treats a dropped connection mid-charge as a lost answer, not as a failure', () => {
    const s = run({ type: 'start' }, { type: 'lost', error: new ApiError(0, 'network_error', 'reset') });
    expect(s.kind).toBe('unknown');
    const resolved = cardTenderReducer(s, { type: 'answer', payment: payment('failed'), nextId: 'a2' });
    expect(resolved).toEqual({ kind: 'not_charged', attemptId: 'a2', error: null });
  });

  it('counts a refused request as not charged', () => {
    const s = run({ type: 'start' }, { type: 'refused', error: new ApiError(403, 'permission_denied', 'no'), nextId: 'a2' });
    expect(s).toMatchObject({ kind: 'not_charged', attemptId: 'a2' });
  });

  it('backs off between recovery attempts', () => {
    expect([0, 1, 2, 3, 10].map(recoverDelayMs)).toEqual([2000, 4000, 8000, 15_000, 15_000]);
  });
});
