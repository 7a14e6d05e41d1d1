import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api/api-client';

type PrinterState = 'ready' | 'paper_out' | 'cover_open' | 'offline' | 'unknown';

interface PrinterStatus {
  configured: boolean;
  status: PrinterState;
  queued: number;
  lastError: string | null;
}

/** How often the register asks; the server refreshes printer status on every job and every 30 s. */
const POLL_MS = 5000;

/**
 * The register's receipt printer state (ready, paper out, cover open, offline, jobs waiting).
 * Rendered in the register top bar; nothing when the register has no printer or the server is out
 * of reach (the sync badge already says so).
 */
export function PrinterStatusBadge({ registerId }: { registerId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['register', 'printer', registerId],
    queryFn: ({ signal }) =>
      api<PrinterStatus>(`/registers/${encodeURIComponent(registerId)}/printer`, { signal }),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    retry: false,
  });
  const printer = query.data;
  if (!printer?.configured || query.isError) return null;
  const tone =
    printer.status === 'ready'
      ? printer.queued > 0
        ? 'waiting'
        : 'ready'
      : printer.status === 'unknown'
        ? 'unknown'
        : 'problem';
  return (
    <span
      className={`printer-badge printer-badge--${tone}`}
      role="status"
      data-testid="printer-badge"
      data-state={printer.status}
      title={printer.lastError ?? undefined}
    >
      <span className="printer-badge__dot" aria-hidden="true" />
      <span>{t(`receipts.printer.${printer.status}`)}</span>
      {printer.queued > 0 && (
        <span data-testid="printer-queued">{t('receipts.printer.waiting', { count: printer.queued })}</span>
      )}
    </span>
  );
}
