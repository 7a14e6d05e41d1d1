import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/error-message';
import { printerKeys, printersApi, STATUS_POLL_MS, type PrinterState } from './printers-api';

const BADGE: Record<PrinterState, string> = {
  ready: 'badge badge--ok',
  paper_out: 'badge badge--danger',
  cover_open: 'badge badge--danger',
  offline: 'badge badge--danger',
  unknown: 'badge badge--muted',
};

/** The printer's last known state, waiting receipts and last error; refreshed every few seconds. */
export function PrinterStatusPanel({ registerId, registerName }: { registerId: string; registerName: string }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const status = useQuery({
    queryKey: printerKeys.status(registerId),
    queryFn: () => printersApi.status(registerId),
    refetchInterval: STATUS_POLL_MS,
  });
  const s = status.data;
  const time = (at: string) =>
    new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(at));

  return (
    <div
      className="printer-status"
      role="group"
      aria-label={t('receipts.printers.statusOf', { register: registerName })}
      data-testid="printer-status"
    >
      {status.isError && !s && <p className="field-error">{errorMessage(status.error)}</p>}
      {s && (
        <>
          <p className="printer-status__line" aria-live="polite">
            <span className="muted">{t('receipts.printers.statusLabel')}</span>{' '}
            {s.configured ? (
              <span className={BADGE[s.status]} data-state={s.status} data-testid="printer-state">
                {t(`receipts.printers.state.${s.status}`)}
              </span>
            ) : (
              <span className="badge badge--muted" data-state="none" data-testid="printer-state">
                {t('receipts.printers.state.none')}
              </span>
            )}
          </p>
          {s.configured && (
            <p className="printer-status__line small">
              <span data-testid="printer-queued">
                {s.queued > 0
                  ? t('receipts.printers.queued', { count: s.queued })
                  : t('receipts.printers.queuedNone')}
              </span>
              <span className="muted">
                {' · '}
                {s.checkedAt
                  ? t('receipts.printers.checkedAt', { time: time(s.checkedAt) })
                  : t('receipts.printers.notCheckedYet')}
              </span>
            </p>
          )}
          {s.configured && s.lastError && (
            <p className="printer-status__error small" data-testid="printer-last-error">
              {t('receipts.printers.lastError', { error: s.lastError })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
