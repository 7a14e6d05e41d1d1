/**
 * Card payment through the register's terminal (progress, decline, lost-answer recovery). Calls
 * onApproved with the server's approved card payment id to reference in POST /sales.
 *
 * The server answers the start request once the terminal has finished (PIN entry can take a
 * minute). A charge is cancelled from the panel (the server sends the terminal an Abort) or at the
 * terminal (its Stop key); either way the start request then answers `cancelled`. When the answer is lost (terminal timeout, dropped connection) the panel asks the
 * server to recover the outcome from the terminal, with backoff, before anything else can happen.
 */
import { uuidv7 } from '@opentill/core';
import { useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from '../../lib/api/api-error';
import { cardPaymentsApi, type CardPayment } from '../../lib/api/register-ops-endpoints';
import { canLeave, canStart, cardTenderReducer, initialCardTender, recoverDelayMs } from './card-tender-state';
import { useMoney, useOnline, useOpsErrorMessage } from './ops-shared';
import './register-ops.css';
import './register-ops-widgets.css';

export interface ApprovedCardPayment {
  paymentId: string;
  amount: number;
  brand: string | null;
  last4: string | null;
}

export function CardTenderPanel({
  registerId,
  saleId,
  amount,
  onApproved,
  onCancel,
  online: onlineProp,
  currency = 'EUR',
  autoStart = false,
}: {
  registerId: string;
  /** The sale the charge belongs to (informational: offline-first sales are not open on the server). */
  saleId: string;
  amount: number;
  onApproved: (payment: ApprovedCardPayment) => void;
  onCancel: () => void;
  /** The sell screen's view of the connection (defaults to the browser's). */
  online?: boolean;
  currency?: string;
  /** Start the charge as soon as the panel shows (one tap less for the cashier). */
  autoStart?: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const errorMessage = useOpsErrorMessage();
  const online = useOnline(onlineProp);
  const [state, dispatch] = useReducer(cardTenderReducer, undefined, () => initialCardTender(uuidv7()));
  const approvedRef = useRef<string | null>(null);
  void saleId;

  const start = async () => {
    if (!canStart(state)) return;
    const attemptId = state.kind === 'approved' ? uuidv7() : state.attemptId;
    dispatch({ type: 'start' });
    try {
      const payment = await cardPaymentsApi.start(registerId, { id: attemptId, amount });
      dispatch({ type: 'answer', payment, nextId: uuidv7() });
    } catch (e) {
      // No answer at all: the terminal may have charged. Only a clear refusal means "not charged".
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) dispatch({ type: 'refused', error: e, nextId: uuidv7() });
      else dispatch({ type: 'lost', error: e instanceof ApiError ? e : null });
    }
  };

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoStart || autoStarted.current || !online) return;
    autoStarted.current = true;
    void start();
    // Once, on mount: later starts are the cashier's.
  }, [autoStart, online]);

  // Recovery loop: while the outcome is unknown, ask again after a growing pause.
  const unknownAttempt = state.kind === 'unknown' && !state.checking ? state.attemptId : null;
  const tries = state.kind === 'unknown' ? state.tries : 0;
  useEffect(() => {
    if (!unknownAttempt) return;
    let cancelled = false;
    const timer = setTimeout(
      async () => {
        dispatch({ type: 'recovering' });
        try {
          const payment: CardPayment = await cardPaymentsApi.recover(registerId, unknownAttempt);
          if (cancelled) return;
          if (payment.status === 'pending' || payment.status === 'timeout') dispatch({ type: 'recover_failed', error: null });
          else dispatch({ type: 'answer', payment, nextId: uuidv7() });
        } catch (e) {
          if (!cancelled) dispatch({ type: 'recover_failed', error: e instanceof ApiError ? e : null });
        }
      },
      // The first check waits a moment, so the terminal has finished whatever it was doing.
      recoverDelayMs(tries),
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [unknownAttempt, tries, registerId]);

  useEffect(() => {
    if (state.kind !== 'approved' || approvedRef.current === state.payment.id) return;
    approvedRef.current = state.payment.id;
    onApproved({ paymentId: state.payment.id, amount: state.payment.amount, brand: state.payment.brand, last4: state.payment.last4 });
  }, [state, onApproved]);

  const offlineBlocked = !online && canStart(state);

  return (
    <section className="ops-section card-tender" aria-labelledby="card-tender-title" data-testid="card-tender">
      <h3 id="card-tender-title">{t('registerOps.card.title')}</h3>
      <p className="card-tender__amount" data-testid="card-amount">
        {fmt(amount)}
      </p>
      <div className="card-tender__status" role="status" aria-live="polite" data-testid="card-status">
        {offlineBlocked && <p className="alert alert--warning">{t('registerOps.card.offline')}</p>}
        {!offlineBlocked && state.kind === 'ready' && <p>{t('registerOps.card.ready')}</p>}
        {state.kind === 'charging' && (
          <>
            <p className="card-tender__big">
              <span className="spinner" aria-hidden="true" /> {t('registerOps.card.insert')}
            </p>
            <p className="muted">{t('registerOps.card.cancelAtTerminal')}</p>
            <button
              type="button"
              className="button button--large"
              onClick={() => void cardPaymentsApi.cancel(registerId, state.attemptId).catch(() => undefined)}
              data-testid="card-abort"
            >
              {t('registerOps.card.abort')}
            </button>
          </>
        )}
        {state.kind === 'approved' && (
          <p className="alert alert--success">
            {t('registerOps.card.approved', { brand: state.payment.brand ?? '', last4: state.payment.last4 ?? '' })}
          </p>
        )}
        {state.kind === 'declined' && <p className="alert alert--error">{t('registerOps.card.declined')}</p>}
        {state.kind === 'cancelled' && <p className="alert alert--warning">{t('registerOps.card.cancelled')}</p>}
        {state.kind === 'not_charged' && (
          <p className="alert alert--warning">{state.error ? `${t('registerOps.card.notCharged')} ${errorMessage(state.error)}` : t('registerOps.card.notCharged')}</p>
        )}
        {state.kind === 'unknown' && (
          <>
            <p className="alert alert--warning card-tender__big">
              <span className="spinner" aria-hidden="true" /> {t('registerOps.card.unknown')}
            </p>
            <p className="muted">
              {state.error?.code === NETWORK_ERROR ? t('registerOps.card.unknownOffline') : t('registerOps.card.unknownHint')}
            </p>
          </>
        )}
      </div>
      <div className="ops-actions">
        {canStart(state) && (
          <button type="button" className="button button--primary button--large" disabled={!online} onClick={() => void start()} data-testid="card-start">
            {state.kind === 'ready' ? t('registerOps.card.start') : t('registerOps.card.retry')}
          </button>
        )}
        <button type="button" className="button button--large" disabled={!canLeave(state)} onClick={onCancel} data-testid="card-cancel">
          {t('registerOps.card.otherTender')}
        </button>
      </div>
    </section>
  );
}
