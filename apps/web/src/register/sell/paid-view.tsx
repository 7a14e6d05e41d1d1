import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ReceiptDelivery } from '../ops/receipt-delivery';
import type { OutboxEntry } from '../data/register-db';

interface PaidViewProps {
  entry: OutboxEntry;
  synced: boolean;
  money: (amount: number | null) => string;
  onNext: () => void;
}

/** After payment: the change to hand back, big; the receipt number; receipt options; next customer. */
export function PaidView({ entry, synced, money, onNext }: PaidViewProps) {
  const { t } = useTranslation();
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  return (
    <section className="sell-paid" aria-labelledby="sell-paid-title" data-testid="paid-view">
      <h2 id="sell-paid-title" className="visually-hidden">
        {t('sell.paid.title')}
      </h2>
      <div className="sell-paid__change" role="status">
        <span>{t('sell.paid.change')}</span>
        <strong data-testid="change-due">{money(entry.summary.change)}</strong>
      </div>
      <dl className="facts sell-paid__facts">
        <div>
          <dt>{t('sell.paid.total')}</dt>
          <dd>{money(entry.summary.total)}</dd>
        </div>
        <div>
          <dt>{t('sell.paid.given')}</dt>
          <dd>{money(entry.summary.tendered)}</dd>
        </div>
        <div>
          <dt>{t('sell.paid.receipt')}</dt>
          <dd data-testid="receipt-no">{entry.receiptNo}</dd>
        </div>
        <div>
          <dt>{t('sell.paid.status')}</dt>
          <dd data-testid="paid-sync">{synced ? t('sell.paid.synced') : t('sell.paid.savedLocally')}</dd>
        </div>
      </dl>
      <ReceiptDelivery saleId={entry.id} synced={synced} />
      <button
        ref={next}
        type="button"
        className="button button--primary button--large button--block"
        onClick={onNext}
        data-testid="next-sale"
      >
        {t('sell.paid.next')}
      </button>
    </section>
  );
}
