// The card payment flow as a pure reducer. The one rule that matters: once a charge may have
// happened (no answer), nothing new starts until the terminal has told the server what happened.
import type { ApiError } from '../../lib/api/api-error';
import type { CardPayment } from '../../lib/api/register-ops-endpoints';

export type CardTenderState =
  /** Nothing running; `attemptId` is the id the next charge will use. */
  | { kind: 'ready'; attemptId: string }
  | { kind: 'charging'; attemptId: string }
  | { kind: 'approved'; payment: CardPayment }
  /** Not charged: declined by the issuer, aborted at the terminal, or refused by the server. */
  | { kind: 'declined'; attemptId: string; payment: CardPayment }
  | { kind: 'cancelled'; attemptId: string }
  | { kind: 'not_charged'; attemptId: string; error: ApiError | null }
  /** The answer was lost: the server asks the terminal (`recover`) until the outcome is known. */
  | { kind: 'unknown'; attemptId: string; tries: number; checking: boolean; error: ApiError | null };

export type CardTenderEvent =
  | { type: 'start' }
  | { type: 'answer'; payment: CardPayment; nextId: string }
  | { type: 'refused'; error: ApiError; nextId: string }
  | { type: 'lost'; error: ApiError | null }
  | { type: 'recovering' }
  | { type: 'recover_failed'; error: ApiError | null };

export const initialCardTender = (attemptId: string): CardTenderState => ({ kind: 'ready', attemptId });

/** True while a new charge may be started (never while one may still be running or unresolved). */
export function canStart(state: CardTenderState): boolean {
  return state.kind === 'ready' || state.kind === 'declined' || state.kind === 'cancelled' || state.kind === 'not_charged';
}

/** The cashier may leave the card panel (pick another tender) only when nothing is in doubt. */
export function canLeave(state: CardTenderState): boolean {
  return canStart(state);
}

function fromAnswer(state: { attemptId: string }, payment: CardPayment, nextId: string): CardTenderState {
  switch (payment.status) {
    case 'approved':
      return { kind: 'approved', payment };
    case 'declined':
      return { kind: 'declined', attemptId: nextId, payment };
    case 'cancelled':
      return { kind: 'cancelled', attemptId: nextId };
    case 'failed':
      return { kind: 'not_charged', attemptId: nextId, error: null };
    case 'pending':
    case 'timeout':
      return { kind: 'unknown', attemptId: state.attemptId, tries: 0, checking: false, error: null };
  }
}

export function cardTenderReducer(state: CardTenderState, event: CardTenderEvent): CardTenderState {
  switch (event.type) {
    case 'start':
      return canStart(state) ? { kind: 'charging', attemptId: state.kind === 'approved' ? '' : state.attemptId } : state;
    case 'answer':
      if (state.kind !== 'charging' && state.kind !== 'unknown') return state;
      return fromAnswer(state, event.payment, event.nextId);
    case 'refused':
      // The server refused the request before the terminal ran (validation, permission): not charged.
      return state.kind === 'charging' ? { kind: 'not_charged', attemptId: event.nextId, error: event.error } : state;
    case 'lost':
      return state.kind === 'charging' ? { kind: 'unknown', attemptId: state.attemptId, tries: 0, checking: false, error: event.error } : state;
    case 'recovering':
      return state.kind === 'unknown' ? { ...state, checking: true } : state;
    case 'recover_failed':
      return state.kind === 'unknown' ? { ...state, checking: false, tries: state.tries + 1, error: event.error } : state;
  }
}

/** Wait before the next recovery attempt: 2, 4, 8, then every 15 seconds. */
export function recoverDelayMs(tries: number): number {
  return Math.min(15_000, 2_000 * 2 ** Math.min(tries, 3));
}
