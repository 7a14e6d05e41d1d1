// Refund by receipt: scan or type the receipt number, pick lines and quantities (never more than is
// left to refund), pay back in cash. Cashiers without `sales.refund` get a manager's approval.
import { uuidv7 } from '@opentill/core';
import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api/api-error';
import { receiptLookupApi, refundsApi, type Sale, type SaleHeader } from '../../lib/api/register-ops-endpoints';
import { formatDateTime } from '../../lib/format';
import type { OutboxEntry } from '../data/register-db';
import type { AllocateDocumentNumber, DocumentNumber } from './document-number';
import { ExchangePanel } from './exchange-panel';
import { LocalRefundLookup } from './local-refund-lookup';
import { localRefundDoc, recordLocalRefund, type LocalOps } from './local-ops';
import { requestManagerApproval, withManagerApproval } from './manager-approval';
import { useMoney, useOpsErrorMessage } from './ops-shared';
import { ReceiptDelivery } from './receipt-delivery';
import { checkPick, displayQty, originalTenders, parseReceiptScan, refundableLines, refundableQty, refundAmount, refundTotal, stepPick, type ReceiptRef, type RefundPick } from './refund-plan';
import './register-ops-refunds.css';

// The sell screen's camera scanner (BarcodeDetector, ZXing fallback), loaded only when used.
const CameraScanner = lazy(() => import('../sell/camera-scanner'));
const hasCamera = () => typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

interface Props {
  registerId: string;
  storeId: string;
  online: boolean;
  currency: string;
  canRefund: boolean;
  numbering: AllocateDocumentNumber;
  /** The sell screen's outbox: offline, sales of this register are refunded from it (local-ops.ts). */
  local?: LocalOps | undefined;
}

export function RefundPanel({ storeId, online, currency, canRefund, numbering, local }: Props) {
  const { t } = useTranslation();
  const errorMessage = useOpsErrorMessage();
  const inputId = useId();
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [choices, setChoices] = useState<SaleHeader[] | null>(null);
  const [sale, setSale] = useState<Sale | null>(null);
  const [done, setDone] = useState<Sale | null>(null);
  /** The sale came from this register's outbox: the refund is queued there too (works offline). */
  const [localEntry, setLocalEntry] = useState<OutboxEntry | null>(null);
  const [camera, setCamera] = useState(false);
  // Stable callbacks: the scanner restarts its camera whenever they change.
  const lookUpRef = useRef<(value: string) => void>(() => {});
  const onCameraScan = useCallback((code: string) => {
    setText(code);
    lookUpRef.current(code);
  }, []);
  const closeCamera = useCallback(() => setCamera(false), []);

  const load = useMutation({ mutationFn: (id: string) => receiptLookupApi.sale(id), onSuccess: (s) => setSale(s) });
  const find = useMutation({
    mutationFn: (ref: ReceiptRef) => (ref.kind === 'link' ? receiptLookupApi.byReceiptLink(ref.token) : receiptLookupApi.byReceipt(ref.kind === 'number' ? ref.receiptNo : '')),
    onSuccess: ({ items }) => {
      const sales = items.filter((s) => s.kind !== 'refund' && s.status === 'completed');
      if (sales.length === 1) load.mutate(sales[0]!.id);
      else setChoices(sales);
    },
  });

  const reset = () => {
    setText('');
    setChoices(null);
    setSale(null);
    setDone(null);
    setLocalEntry(null);
    find.reset();
    load.reset();
  };

  if (done) return <RefundDone refund={done} currency={currency} local={localEntry !== null} onNext={reset} />;
  if (sale) {
    const offline =
      local && localEntry
        ? async (pick: RefundPick, reason: string, id: string, why: string) => {
            const overridePin = canRefund ? null : await requestManagerApproval(why);
            if (!canRefund && !overridePin) return null;
            return localRefundDoc(await recordLocalRefund(local, localEntry, sale, pick, { id, reason, overridePin }));
          }
        : undefined;
    return <RefundPicker sale={sale} storeId={storeId} currency={currency} canRefund={canRefund} numbering={numbering} offline={offline} onDone={setDone} onBack={reset} />;
  }
  if (!online) {
    if (local)
      return (
        <LocalRefundLookup
          local={local}
          currency={currency}
          onPick={(entry, picked) => {
            setLocalEntry(entry);
            setSale(picked);
          }}
        />
      );
    return (
      <p className="alert alert--warning" role="status" data-testid="refund-offline">
        {t('registerOps.offline.refund')}
      </p>
    );
  }

  const lookUp = (value: string) => {
    const ref = parseReceiptScan(value);
    if (ref.kind === 'invalid') {
      setInputError(t('registerOps.refund.invalidNumber'));
      return;
    }
    setInputError(null);
    setChoices(null);
    find.mutate(ref);
  };
  lookUpRef.current = lookUp;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    lookUp(text);
  };
  const error = find.error ?? load.error;

  return (
    <form className="ops-section ops-form" onSubmit={submit} noValidate data-testid="refund-lookup">
      <h3>{t('registerOps.refund.heading')}</h3>
      <p className="muted">{t('registerOps.refund.lookupHint')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('registerOps.refund.receiptNo')}</label>
        <div className="ops-inline">
          <input
            id={inputId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            aria-invalid={inputError ? true : undefined}
            data-testid="receipt-number"
            autoFocus
          />
          <button type="submit" className="button button--primary button--large" disabled={find.isPending || load.isPending}>
            {t('registerOps.refund.find')}
          </button>
          {hasCamera() && (
            <button type="button" className="button button--large" onClick={() => setCamera(true)}>
              {t('registerOps.refund.camera')}
            </button>
          )}
        </div>
        {inputError && (
          <span className="field-error" role="alert">
            {inputError}
          </span>
        )}
      </div>
      {error && (
        <p className="alert alert--error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {choices && choices.length === 0 && (
        <p className="alert alert--warning" role="status" data-testid="receipt-not-found">
          {t('registerOps.refund.notFound')}
        </p>
      )}
      {choices && choices.length > 1 && <ReceiptChoices choices={choices} currency={currency} onPick={(id) => load.mutate(id)} />}
      {camera && (
        <Suspense fallback={null}>
          <CameraScanner onScan={onCameraScan} onClose={closeCamera} />
        </Suspense>
      )}
    </form>
  );
}

function ReceiptChoices({ choices, currency, onPick }: { choices: SaleHeader[]; currency: string; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useMoney(currency);
  return (
    <div>
      <p>{t('registerOps.refund.several')}</p>
      <ul className="ops-list">
        {choices.map((c) => (
          <li key={c.id}>
            <button type="button" className="button button--large button--block" onClick={() => onPick(c.id)}>
              {c.receiptNo} · {formatDateTime(c.completedAt, i18n.language)} · {fmt(c.total)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RefundPicker({
  sale,
  storeId,
  currency,
  canRefund,
  numbering,
  offline,
  onDone,
  onBack,
}: {
  sale: Sale;
  storeId: string;
  currency: string;
  canRefund: boolean;
  numbering: AllocateDocumentNumber;
  /** Set for a sale of the local history: records the refund in the outbox instead (null: cancelled). */
  offline?: ((pick: RefundPick, reason: string, id: string, why: string) => Promise<Sale | null>) | undefined;
  onDone: (refund: Sale) => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const fmt = useMoney(currency);
  const errorMessage = useOpsErrorMessage();
  const reasonId = useId();
  const [pick, setPick] = useState<RefundPick>({});
  const [reason, setReason] = useState('');
  const [exchange, setExchange] = useState(false);
  const lines = refundableLines(sale);
  const tenders = originalTenders(sale);
  const total = refundTotal(sale, pick);
  const problems = checkPick(sale, pick);
  const nothing = total <= 0;
  // The same document id and number across retries (wrong PIN, lost answer): one refund, one number.
  const attempt = useRef<{ id: string; number: DocumentNumber | null } | null>(null);

  const refund = useMutation({
    // A refund of a local sale is stored locally: it must not wait for the network.
    networkMode: offline ? 'always' : 'online',
    mutationFn: async () => {
      attempt.current ??= { id: uuidv7(), number: null };
      const a = attempt.current;
      if (offline) return offline(pick, reason.trim(), a.id, t('registerOps.localRefund.approvalReason', { amount: fmt(total), receipt: sale.receiptNo ?? '' }));
      a.number ??= await numbering();
      const body = {
        id: a.id,
        registerSeq: a.number.registerSeq,
        receiptNo: a.number.receiptNo,
        lines: Object.entries(pick)
          .filter(([, qty]) => qty > 0)
          .map(([originalLineId, qty]) => ({ id: uuidv7(), originalLineId, qty })),
        payments: [{ id: uuidv7(), tender: 'cash' as const, amount: -total }],
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      };
      const why = t('registerOps.refund.approvalReason', { amount: fmt(total), receipt: sale.receiptNo ?? '' });
      if (!canRefund) return withManagerApproval(why, (pin) => refundsApi.refund(sale.id, body, pin));
      try {
        return await refundsApi.refund(sale.id, body);
      } catch (e) {
        // Permissions changed since login: a manager can still approve.
        if (e instanceof ApiError && e.code === 'permission_denied') return withManagerApproval(why, (pin) => refundsApi.refund(sale.id, body, pin));
        throw e;
      }
    },
    onSuccess: (result) => {
      if (result) onDone(result);
    },
  });

  if (exchange) {
    return (
      <ExchangePanel sale={sale} storeId={storeId} currency={currency} returns={pick} credit={total} canRefund={canRefund} numbering={numbering} onDone={onDone} onBack={() => setExchange(false)} />
    );
  }

  return (
    <div className="ops-section refund" data-testid="refund-picker">
      <div className="refund__head">
        <div>
          <h3>{t('registerOps.refund.receipt', { receipt: sale.receiptNo ?? '—' })}</h3>
          <p className="muted small">
            {formatDateTime(sale.completedAt, i18n.language)} · {fmt(sale.total)}
          </p>
        </div>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('registerOps.refund.other')}
        </button>
      </div>
      {lines.length === 0 ? (
        <p className="alert alert--warning" role="status" data-testid="nothing-refundable">
          {t('registerOps.refund.nothingLeft')}
        </p>
      ) : (
        <ul className="refund-lines">
          {lines.map((line) => {
            const qty = pick[line.id] ?? 0;
            const left = refundableQty(line);
            const tooMany = problems.some((p) => p.lineId === line.id);
            return (
              <li key={line.id} className={qty > 0 ? 'refund-line refund-line--picked' : 'refund-line'} data-testid="refund-line">
                <div className="refund-line__name">
                  <strong>{line.name}</strong>
                  <span className="muted small">
                    {t('registerOps.refund.soldLeft', { sold: displayQty(line.qty, i18n.language), left: displayQty(left, i18n.language) })}
                  </span>
                </div>
                <div className="refund-line__qty">
                  <button type="button" className="denomination__step" aria-label={t('registerOps.refund.less', { name: line.name })} disabled={qty <= 0} onClick={() => setPick((p) => ({ ...p, [line.id]: stepPick(line, qty, -1) }))}>
                    −
                  </button>
                  <span className="refund-line__count" aria-live="polite" data-testid="refund-qty">
                    {displayQty(qty, i18n.language)}
                  </span>
                  <button type="button" className="denomination__step" aria-label={t('registerOps.refund.more', { name: line.name })} disabled={qty >= left} onClick={() => setPick((p) => ({ ...p, [line.id]: stepPick(line, qty, 1) }))}>
                    +
                  </button>
                </div>
                <strong className="refund-line__amount nowrap">{fmt(refundAmount(line, qty))}</strong>
                {tooMany && <span className="field-error">{t('registerOps.errors.refundExceedsSold')}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {lines.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={reasonId}>{t('registerOps.refund.reason')}</label>
            <input id={reasonId} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          </div>
          <TenderNote card={tenders.card} other={tenders.other} />
          {refund.isError && (
            <p className="alert alert--error" role="alert">
              {errorMessage(refund.error)}
            </p>
          )}
          <button type="button" className="button button--primary button--large button--block" disabled={nothing || problems.length > 0 || refund.isPending} onClick={() => refund.mutate()} data-testid="refund-submit">
            {canRefund ? t('registerOps.refund.submit', { amount: fmt(total) }) : t('registerOps.refund.submitApproval', { amount: fmt(total) })}
          </button>
          {!offline && (
            <button type="button" className="button button--large button--block ops-secondary" disabled={nothing || problems.length > 0 || refund.isPending} onClick={() => setExchange(true)} data-testid="exchange-start">
              {t('registerOps.exchange.start')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** Money goes back the way it came; the terminal connection can only charge, so card refunds wait. */
function TenderNote({ card, other }: { card: boolean; other: boolean }) {
  const { t } = useTranslation();
  if (!card && !other) return <p className="muted">{t('registerOps.refund.toCash')}</p>;
  return (
    <p className="alert alert--warning" role="status" data-testid="refund-tender-note">
      {card ? t('registerOps.refund.cardUnsupported') : t('registerOps.refund.otherTender')}
    </p>
  );
}

function RefundDone({ refund, currency, local, onNext }: { refund: Sale; currency: string; local: boolean; onNext: () => void }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const receipt = refund.receiptNo ?? '';
  return (
    <section className="ops-section" data-testid="refund-done">
      <p className="alert alert--success" role="status">
        {local ? t('registerOps.localRefund.done', { receipt }) : refund.kind === 'exchange' ? t('registerOps.exchange.done', { receipt }) : t('registerOps.refund.done', { receipt })}
      </p>
      {refund.total !== 0 && (
        <p className="change-due">
          <span>{refund.total < 0 ? t('registerOps.refund.payOut') : t('registerOps.exchange.takeCash')}</span>
          <strong data-testid="refund-payout">{fmt(Math.abs(refund.total))}</strong>
        </p>
      )}
      {!local && <ReceiptDelivery saleId={refund.id} synced />}
      <button type="button" className="button button--large button--block" onClick={onNext}>
        {t('registerOps.refund.next')}
      </button>
    </section>
  );
}
