import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuntimeState } from '../data/register-runtime';
import { markReviewed, needsReview, requeue } from '../data/outbox';
import type { QueueEntry, RegisterDb } from '../data/register-db';
import { formatDateTime } from '../../lib/format';

interface SyncBadgeProps {
  state: RuntimeState;
  db: RegisterDb;
  money: (amount: number | null) => string;
  /** A manager's PIN confirmed by the server; null when cancelled or offline. */
  confirmManager: (reason: string) => Promise<string | null>;
  onRetry: () => void;
}

/** Online/offline with the number of sales waiting; opens the list of sales a manager must look at. */
export function SyncBadge({ state, db, money, confirmManager, onRetry }: SyncBadgeProps) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const label = state.online ? t('sell.sync.online') : t('sell.sync.offline');
  const tone = !state.online
    ? 'offline'
    : state.review > 0
      ? 'review'
      : state.pending > 0
        ? 'pending'
        : 'online';
  return (
    <>
      <button
        type="button"
        className={`sync-badge sync-badge--${tone}`}
        data-testid="sync-badge"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
      >
        <span className="sync-badge__dot" aria-hidden="true" />
        <span data-testid="sync-state">{label}</span>
        {state.pending > 0 && (
          <span data-testid="sync-pending">{t('sell.sync.pending', { count: state.pending })}</span>
        )}
        {state.review > 0 && <span>{t('sell.sync.review', { count: state.review })}</span>}
      </button>
      {open && (
        <SyncDialog
          state={state}
          db={db}
          money={money}
          confirmManager={confirmManager}
          onRetry={onRetry}
          onClose={() => setOpen(false)}
          locale={i18n.language}
        />
      )}
    </>
  );
}

function SyncDialog({
  state,
  db,
  money,
  confirmManager,
  onRetry,
  onClose,
  locale,
}: SyncBadgeProps & { onClose: () => void; locale: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [items, setItems] = useState<QueueEntry[]>([]);
  const reload = () => void needsReview(db).then(setItems);
  useEffect(() => {
    ref.current?.showModal();
    reload();
  }, []);

  const labelOf = (e: QueueEntry) =>
    e.kind === 'sale' ? e.receiptNo : e.kind === 'refund' ? t('sell.sync.kind.refund', { receipt: e.receiptNo, original: e.originalReceiptNo }) : t(`sell.sync.kind.${e.kind}`);
  const acknowledge = async (e: QueueEntry, again: boolean) => {
    const pin = await confirmManager(t('sell.sync.reviewReason', { receipt: labelOf(e) }));
    if (!pin) return;
    if (again) await requeue(db, e.id);
    else await markReviewed(db, e.id, 'manager', new Date().toISOString());
    onRetry();
    reload();
  };

  return (
    <dialog
      ref={ref}
      className="sell-dialog sell-dialog--wide"
      aria-labelledby={titleId}
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <h2 id={titleId}>{t('sell.sync.title')}</h2>
      <p>
        {state.online
          ? t('sell.sync.onlineText', { count: state.pending })
          : t('sell.sync.offlineText', { count: state.pending })}
      </p>
      {state.syncNeedsLogin && <p className="alert alert--warning">{t('sell.sync.needsLogin')}</p>}
      {state.persisted === false && <p className="muted">{t('sell.sync.notPersisted')}</p>}
      {items.length > 0 && (
        <>
          <h3>{t('sell.sync.reviewTitle')}</h3>
          <ul className="sell-review">
            {items.map((e) => (
              <li key={e.id} data-testid="review-item">
                <strong>{labelOf(e)}</strong> · {formatDateTime(e.createdAt, locale)} ·{' '}
                {money(e.summary.total)}
                <br />
                {e.status === 'rejected'
                  ? t('sell.sync.rejected', { reason: e.lastError?.message ?? e.lastError?.code ?? '' })
                  : t('sell.sync.priceDifference', { amount: money(e.result?.priceDifference ?? 0) })}
                <div className="button-row">
                  {e.status === 'rejected' && (
                    <button
                      type="button"
                      className="button"
                      disabled={!state.online}
                      onClick={() => void acknowledge(e, true)}
                    >
                      {t('sell.sync.sendAgain')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button"
                    disabled={!state.online}
                    onClick={() => void acknowledge(e, false)}
                  >
                    {t('sell.sync.acknowledge')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="button-row sell-dialog__footer">
        <button
          type="button"
          className="button"
          onClick={onRetry}
          disabled={!state.online || state.pending === 0}
        >
          {t('sell.sync.retryNow')}
        </button>
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('sell.common.close')}
        </button>
      </div>
    </dialog>
  );
}
