/**
 * After payment: print, email, QR code of the digital receipt, or no receipt. Shown on the sell
 * screen's "paid" view. Every option needs the sale on the server: until the outbox has synced it
 * (`synced` false) the panel says so. Options the server does not offer read "not available".
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { receiptDeliveryApi } from '../../lib/api/register-ops-endpoints';
import { deliveryFailure, isEmailAddress, jobInFlight } from './delivery-state';
import { useOpsErrorMessage } from './ops-shared';
import './register-ops-widgets.css';

type Choice = 'print' | 'email' | 'qr' | 'none';

export function ReceiptDelivery({ saleId, synced, onDone }: { saleId: string; synced: boolean; /** Called once the cashier chose (also "no receipt"). */ onDone?: (choice: Choice) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice | null>(null);
  const errorText = useDeliveryError(synced);

  const print = useMutation({ mutationFn: () => receiptDeliveryApi.print(saleId), onSuccess: () => onDone?.('print') });
  const link = useMutation({ mutationFn: () => receiptDeliveryApi.link(saleId), onSuccess: () => onDone?.('qr') });

  const pick = (c: Choice) => {
    setChoice(c);
    if (c === 'print') print.mutate();
    if (c === 'qr') link.mutate();
    if (c === 'none') onDone?.('none');
  };

  return (
    <section className="receipt-delivery" aria-labelledby={`${saleId}-receipt`} data-testid="receipt-delivery">
      <h3 id={`${saleId}-receipt`}>{t('registerOps.receipt.title')}</h3>
      {!synced && (
        <p className="alert alert--warning" role="status" data-testid="receipt-not-synced">
          {t('registerOps.receipt.notSynced')}
        </p>
      )}
      <div className="receipt-delivery__options" role="group" aria-label={t('registerOps.receipt.title')}>
        {(['print', 'email', 'qr', 'none'] as const).map((c) => (
          <button
            key={c}
            type="button"
            className={choice === c ? 'receipt-option receipt-option--on' : 'receipt-option'}
            aria-pressed={choice === c}
            disabled={!synced && c !== 'none'}
            onClick={() => pick(c)}
            data-testid={`receipt-${c}`}
          >
            <OptionIcon choice={c} />
            {t(`registerOps.receipt.${c}`)}
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {choice === 'print' && (
          <>
            {print.isPending && <p className="muted">{t('registerOps.receipt.printing')}</p>}
            {print.isSuccess && <JobStatus jobId={print.data.jobId} done={t('registerOps.receipt.printed')} pending={t('registerOps.receipt.printing')} />}
            {print.isError && <p className="alert alert--error">{errorText(print.error)}</p>}
          </>
        )}
        {choice === 'email' && <EmailForm saleId={saleId} errorText={errorText} onSent={() => onDone?.('email')} />}
        {choice === 'qr' && (
          <>
            {link.isPending && <p className="muted">{t('common.loading')}</p>}
            {link.isSuccess && <ReceiptQr url={link.data.url} />}
            {link.isError && <p className="alert alert--error">{errorText(link.error)}</p>}
          </>
        )}
        {choice === 'none' && <p className="muted">{t('registerOps.receipt.noneChosen')}</p>}
      </div>
    </section>
  );
}

/** Line icons drawn inline: emoji and symbol glyphs are missing from many register fonts. */
function OptionIcon({ choice }: { choice: Choice }) {
  const paths: Record<Choice, string> = {
    print: 'M7 9V3h10v6M7 17H5a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2h-2M7 14h10v7H7z',
    email: 'M3 5h18v14H3zM3 6l9 7 9-7',
    qr: 'M3 3h7v7H3zM14 3h7v7h-7zM3 14h7v7H3zM14 14h3v3h-3zM18 18h3v3h-3zM14 20h2M20 14v2',
    none: 'M6 6l12 12M18 6L6 18',
  };
  return (
    <svg className="receipt-option__icon" viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={paths[choice]} />
    </svg>
  );
}

function useDeliveryError(synced: boolean): (error: unknown) => string {
  const { t } = useTranslation();
  const errorMessage = useOpsErrorMessage();
  return (error) => {
    const kind = deliveryFailure(error, synced);
    if (kind === 'not_available') return t('registerOps.receipt.notAvailable');
    if (kind === 'not_configured') return t('registerOps.receipt.notConfigured');
    if (kind === 'not_synced') return t('registerOps.receipt.notSynced');
    if (kind === 'offline') return t('registerOps.receipt.offline');
    return errorMessage(error);
  };
}

/** Follows a print/email job until it is out (or failed), once a second. */
function JobStatus({ jobId, done, pending }: { jobId: string; done: string; pending: string }) {
  const { t } = useTranslation();
  const job = useQuery({
    queryKey: ['registerOps', 'delivery-job', jobId],
    queryFn: () => receiptDeliveryApi.job(jobId),
    refetchInterval: (q) => (jobInFlight(q.state.data?.status) && q.state.dataUpdateCount < 60 ? 1000 : false),
    retry: false,
  });
  const status = job.data?.status;
  if (status === 'failed' || status === 'bounced') {
    return (
      <p className="alert alert--error" data-testid="receipt-result">
        {t('registerOps.receipt.failed', { reason: job.data?.bounceReason ?? job.data?.lastError ?? '' })}
      </p>
    );
  }
  // Without a job to follow (older server) the request itself was the confirmation.
  if (status === 'sent' || job.isError) {
    return (
      <p className="alert alert--success" data-testid="receipt-result">
        {done}
      </p>
    );
  }
  return (
    <p className="muted" data-testid="receipt-pending">
      {job.data?.lastError ? t('registerOps.receipt.retrying', { reason: job.data.lastError }) : pending}
    </p>
  );
}

function EmailForm({ saleId, errorText, onSent }: { saleId: string; errorText: (e: unknown) => string; onSent: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [to, setTo] = useState('');
  const [invalid, setInvalid] = useState(false);
  const send = useMutation({ mutationFn: (address: string) => receiptDeliveryApi.email(saleId, address), onSuccess: onSent });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = isEmailAddress(to);
    setInvalid(!ok);
    if (ok) send.mutate(to.trim());
  };
  return (
    <form className="ops-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{t('registerOps.receipt.emailTo')}</label>
        <div className="ops-inline">
          <input id={id} type="email" inputMode="email" autoComplete="email" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={invalid || undefined} data-testid="receipt-email-to" autoFocus />
          <button type="submit" className="button button--primary button--large" disabled={send.isPending}>
            {t('registerOps.receipt.send')}
          </button>
        </div>
        {invalid && (
          <span className="field-error" role="alert">
            {t('registerOps.receipt.emailInvalid')}
          </span>
        )}
      </div>
      {send.isSuccess && <JobStatus jobId={send.data.jobId} done={t('registerOps.receipt.emailSent', { to: to.trim() })} pending={t('registerOps.receipt.sending')} />}
      {send.isError && <p className="alert alert--error">{errorText(send.error)}</p>}
    </form>
  );
}

function ReceiptQr({ url }: { url: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Error correction M: still readable from a slightly scratched customer display.
    void QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then((data) => live && setSrc(data));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div className="receipt-qr" data-testid="receipt-qr-code">
      {src && <img className="qr" src={src} width={240} height={240} alt={t('registerOps.receipt.qrAlt')} />}
      <p className="muted small">{t('registerOps.receipt.qrHint')}</p>
      <p className="small pair-url">{url}</p>
    </div>
  );
}
