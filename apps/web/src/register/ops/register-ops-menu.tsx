/**
 * Register operations reachable from the sell screen: shift (open with float, cash in/out, X report,
 * close with a counted-cash Z report), refunds by receipt. The sell screen renders it; a button
 * opens a full-screen panel.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/me-query';
import { shiftsApi, type Shift, type ShiftReport } from '../../lib/api/register-ops-endpoints';
import { CashMovementForm } from './cash-movement-form';
import { rememberedShift, rememberShift, type LocalOps } from './local-ops';
import { serverNumbering, type AllocateDocumentNumber } from './document-number';
import { formatDateTime } from '../../lib/format';
import { useMoney, useOnline, useOpsErrorMessage } from './ops-shared';
import { RefundPanel } from './refund-panel';
import { ShiftCloseForm } from './shift-close-form';
import { ShiftOpenForm } from './shift-open-form';
import { ShiftReportView, XReport, ZReport } from './shift-report-view';
import './register-ops.css';

export const shiftQueryKey = (registerId: string) => ['registerOps', 'shift', registerId] as const;

type View = 'shift' | 'cash' | 'x' | 'close' | 'refund';

export interface RegisterOpsMenuProps {
  registerId: string;
  storeId: string;
  /** Sales in the offline outbox not yet on the server: closing the shift waits for them. */
  pendingSales?: number;
  /** The sell screen's view of the connection (defaults to the browser's). */
  online?: boolean;
  /** The sell screen's register numbering for new documents (refunds); see document-number.ts. */
  allocateDocumentNumber?: AllocateDocumentNumber;
  /** Told whenever the open shift changes (opened, closed), e.g. to prompt for a float. */
  onShiftChange?: (shift: Shift | null) => void;
  /** Told when the panel opens and closes: scanner wedges and shortcuts should pause meanwhile. */
  onOpenChange?: (open: boolean) => void;
  /**
   * The sell screen's outbox: cash in/out and refunds of this register's sales are then stored
   * locally and synced, so they also work offline (see local-ops.ts).
   */
  local?: LocalOps;
}

export function RegisterOpsMenu({ registerId, storeId, pendingSales = 0, online: onlineProp, allocateDocumentNumber, onShiftChange, onOpenChange, local }: RegisterOpsMenuProps) {
  const { t } = useTranslation();
  const [open, setOpenState] = useState(false);
  const setOpen = (next: boolean) => {
    setOpenState(next);
    onOpenChange?.(next);
  };
  const [view, setView] = useState<View>('shift');
  const buttonRef = useRef<HTMLButtonElement>(null);
  const online = useOnline(onlineProp);
  const shiftQuery = useQuery({ queryKey: shiftQueryKey(registerId), queryFn: () => shiftsApi.current(registerId), enabled: online, staleTime: 10_000 });
  // Offline, cash movements go to the shift the server last reported open (kept in IndexedDB).
  const [offlineShift, setOfflineShift] = useState<Shift | null>(null);
  const db = local?.db;
  useEffect(() => {
    if (!db) return;
    if (shiftQuery.isSuccess) void rememberShift(db, shiftQuery.data.shift);
    else if (!online) void rememberedShift<Shift>(db).then((s) => setOfflineShift(s ?? null));
  }, [db, online, shiftQuery.isSuccess, shiftQuery.data]);
  const shift = shiftQuery.data?.shift ?? (online ? null : offlineShift);
  const shiftId = shift?.id ?? null;
  const known = shiftQuery.isSuccess;

  useEffect(() => {
    if (known) onShiftChange?.(shift);
    // Only a different shift (or none) is news; a refetch of the same one is not.
  }, [known, shiftId]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button button--large ops-menu-button"
        aria-haspopup="dialog"
        onClick={() => {
          setView('shift');
          setOpen(true);
        }}
        data-testid="register-ops-button"
      >
        <span aria-hidden="true">☰</span> {t('registerOps.menu.button')}
        {known && !shift && <span className="badge badge--danger">{t('registerOps.shift.noneShort')}</span>}
      </button>
      {open && (
        <OpsPanel
          registerId={registerId}
          storeId={storeId}
          view={view}
          setView={setView}
          shift={shift}
          lastClosed={shiftQuery.data?.lastClosed ?? null}
          shiftLoading={shiftQuery.isPending && online}
          shiftError={online ? shiftQuery.error : null}
          online={online}
          pendingSales={pendingSales}
          allocateDocumentNumber={allocateDocumentNumber}
          local={local}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </>
  );
}

interface PanelProps {
  registerId: string;
  storeId: string;
  view: View;
  setView: (v: View) => void;
  shift: Shift | null;
  lastClosed: Shift | null;
  shiftLoading: boolean;
  shiftError: unknown;
  online: boolean;
  pendingSales: number;
  allocateDocumentNumber: AllocateDocumentNumber | undefined;
  local: LocalOps | undefined;
  onClose: () => void;
}

function OpsPanel({ registerId, storeId, view, setView, shift, lastClosed, shiftLoading, shiftError, online, pendingSales, allocateDocumentNumber, local, onClose }: PanelProps) {
  const { t } = useTranslation();
  const errorMessage = useOpsErrorMessage();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const currency = me?.store?.currency ?? 'EUR';
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [zReport, setZReport] = useState<ShiftReport | null>(null);
  const [showLastZ, setShowLastZ] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const refreshShift = () => queryClient.invalidateQueries({ queryKey: shiftQueryKey(registerId) });
  const numbering =
    allocateDocumentNumber ?? serverNumbering(registerId, shift?.openedAt, (me?.register?.name ?? 'R').replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'R');

  const tabs: { id: View; label: string; needsShift: boolean }[] = [
    { id: 'shift', label: t('registerOps.menu.shift'), needsShift: false },
    { id: 'cash', label: t('registerOps.menu.cash'), needsShift: true },
    { id: 'x', label: t('registerOps.menu.xReport'), needsShift: true },
    { id: 'close', label: t('registerOps.menu.close'), needsShift: true },
    { id: 'refund', label: t('registerOps.menu.refund'), needsShift: false },
  ];

  let body;
  if (zReport && view === 'close') {
    body = <ShiftReportView report={zReport} currency={currency} />;
  } else if (!online && view !== 'refund' && !(view === 'cash' && local && shift)) {
    body = (
      <p className="alert alert--warning" role="status" data-testid="ops-offline">
        {t('registerOps.offline.shift')}
      </p>
    );
  } else if (shiftLoading) {
    body = <p className="muted">{t('common.loading')}</p>;
  } else if (shiftError) {
    body = (
      <p className="alert alert--error" role="alert">
        {errorMessage(shiftError)}
      </p>
    );
  } else if (view === 'refund') {
    body = <RefundPanel registerId={registerId} storeId={storeId} online={online} currency={currency} canRefund={me?.user.permissions.includes('sales.refund') ?? false} numbering={numbering} local={local} />;
  } else if (!shift || view === 'shift') {
    body = shift ? (
      <ShiftSummary shift={shift} currency={currency} onPick={setView} />
    ) : showLastZ && lastClosed ? (
      <>
        <ZReport shiftId={lastClosed.id} currency={currency} />
        <div className="ops-actions">
          <button type="button" className="button button--large" onClick={() => setShowLastZ(false)}>
            {t('registerOps.shift.openHeading')}
          </button>
        </div>
      </>
    ) : (
      <>
        <ShiftOpenForm
          registerId={registerId}
          currency={currency}
          onOpened={() => {
            void refreshShift();
            setZReport(null);
          }}
        />
        {lastClosed && lastClosed.zNumber !== null && (
          <div className="ops-actions ops-section--narrow">
            <button type="button" className="button button--large" onClick={() => setShowLastZ(true)} data-testid="last-z">
              {t('registerOps.shift.lastZ', { number: lastClosed.zNumber })}
            </button>
          </div>
        )}
      </>
    );
  } else if (view === 'cash') {
    body = <CashMovementForm shiftId={shift.id} currency={currency} local={local} />;
  } else if (view === 'x') {
    body = <XReport shiftId={shift.id} currency={currency} />;
  } else {
    body = (
      <ShiftCloseForm
        shift={shift}
        currency={currency}
        pendingSales={pendingSales}
        onClosed={(report) => {
          setZReport(report);
          void refreshShift();
        }}
      />
    );
  }

  return (
    <dialog
      ref={dialogRef}
      className="ops-panel"
      aria-labelledby={titleId}
      data-testid="register-ops"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="ops-panel__header">
        <h2 id={titleId}>{t('registerOps.menu.title')}</h2>
        <p className="ops-panel__status" data-testid="shift-status">
          {shift ? t('registerOps.shift.openSince', { name: shift.openedBy.name }) : t('registerOps.shift.none')}
        </p>
        <button type="button" className="button button--large" onClick={onClose}>
          {t('registerOps.menu.closePanel')}
        </button>
      </header>
      <nav className="ops-panel__tabs" aria-label={t('registerOps.menu.title')}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            className={view === tab.id ? 'ops-tab ops-tab--active' : 'ops-tab'}
            aria-current={view === tab.id ? 'page' : undefined}
            // On a phone the tab strip scrolls: keep the current tab in sight.
            ref={view === tab.id ? (el) => el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' }) : undefined}
            disabled={tab.needsShift && !shift && !(tab.id === 'close' && zReport)}
            onClick={() => setView(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </nav>
      <div className="ops-panel__body">{body}</div>
    </dialog>
  );
}

function ShiftSummary({ shift, currency, onPick }: { shift: Shift; currency: string; onPick: (v: View) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useMoney(currency);
  const opened = formatDateTime(shift.openedAt, i18n.language);
  const float = fmt(shift.openingFloat);
  return (
    <section className="ops-section" data-testid="shift-summary">
      <h3>{t('registerOps.shift.openTitle')}</h3>
      <dl className="facts">
        <div>
          <dt>{t('registerOps.shift.openedBy')}</dt>
          <dd>{shift.openedBy.name}</dd>
        </div>
        <div>
          <dt>{t('registerOps.shift.openedAt')}</dt>
          <dd>{opened}</dd>
        </div>
        <div>
          <dt>{t('registerOps.shift.float')}</dt>
          <dd>{float}</dd>
        </div>
      </dl>
      <div className="ops-actions">
        <button type="button" className="button button--large" onClick={() => onPick('cash')}>
          {t('registerOps.menu.cash')}
        </button>
        <button type="button" className="button button--large" onClick={() => onPick('x')}>
          {t('registerOps.menu.xReport')}
        </button>
        <button type="button" className="button button--large button--primary" onClick={() => onPick('close')}>
          {t('registerOps.menu.close')}
        </button>
      </div>
    </section>
  );
}
