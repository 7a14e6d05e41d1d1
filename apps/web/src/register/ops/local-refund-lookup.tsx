// Offline refunds start here: the server cannot be asked for a receipt, but this register's own sales
// are in its outbox (synced or not). Type or scan the receipt number, or pick a recent sale.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../data/register-db';
import type { Sale } from '../../lib/api/register-ops-endpoints';
import { formatDateTime } from '../../lib/format';
import { hasLocalLines, loadLocalSale, localSaleByReceipt, localSales, type LocalOps } from './local-ops';
import { useMoney } from './ops-shared';
import { parseReceiptScan } from './refund-plan';

const RECENT = 12;

export function LocalRefundLookup({ local, currency, onPick }: { local: LocalOps; currency: string; onPick: (entry: OutboxEntry, sale: Sale) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useMoney(currency);
  const inputId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [recent, setRecent] = useState<OutboxEntry[] | null>(null);

  useEffect(() => {
    let live = true;
    void localSales(local.db, RECENT * 2).then((all) => live && setRecent(all.filter(hasLocalLines).slice(0, RECENT)));
    return () => {
      live = false;
    };
  }, [local.db]);

  const pick = async (entry: OutboxEntry) => {
    if (!hasLocalLines(entry)) return setProblem(t('registerOps.localRefund.noLines'));
    onPick(entry, await loadLocalSale(local.db, entry));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ref = parseReceiptScan(text);
    if (ref.kind !== 'number') return setProblem(t(ref.kind === 'invalid' ? 'registerOps.refund.invalidNumber' : 'registerOps.localRefund.notFound'));
    const entry = await localSaleByReceipt(local.db, ref.receiptNo);
    if (!entry) return setProblem(t('registerOps.localRefund.notFound'));
    setProblem(null);
    await pick(entry);
  };

  return (
    <form className="ops-section ops-form" onSubmit={(e) => void submit(e)} noValidate data-testid="local-refund-lookup">
      <h3>{t('registerOps.localRefund.heading')}</h3>
      <p className="muted">{t('registerOps.localRefund.hint')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('registerOps.refund.receiptNo')}</label>
        <div className="ops-inline">
          <input id={inputId} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" autoCapitalize="characters" aria-invalid={problem ? true : undefined} data-testid="receipt-number" autoFocus />
          <button type="submit" className="button button--primary button--large">
            {t('registerOps.refund.find')}
          </button>
        </div>
        {problem && (
          <span className="field-error" role="alert" data-testid="local-refund-problem">
            {problem}
          </span>
        )}
      </div>
      <h4>{t('registerOps.localRefund.recent')}</h4>
      {recent && recent.length === 0 && <p className="muted">{t('registerOps.localRefund.none')}</p>}
      {recent && recent.length > 0 && (
        <ul className="ops-list" data-testid="local-sales">
          {recent.map((e) => (
            <li key={e.id}>
              <button type="button" className="button button--large button--block" onClick={() => void pick(e)} data-testid="local-sale">
                {t('registerOps.localRefund.pick', { receipt: e.result?.receiptNo ?? e.receiptNo, time: formatDateTime(e.createdAt, i18n.language), amount: fmt(e.summary.total) })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
