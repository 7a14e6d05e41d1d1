// Exchange: the lines picked for return become a credit towards new items; the difference is
// settled in cash. The server prices the new items again and must arrive at the same total.
import { uuidv7 } from '@opentill/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api/api-error';
import { refundsApi, type Sale } from '../../lib/api/register-ops-endpoints';
import { useDebounced } from '../../lib/use-debounced';
import type { AllocateDocumentNumber, DocumentNumber } from './document-number';
import { exchangeable, exchangeBalance, exchangeBody, type NewItems } from './exchange-plan';
import { withManagerApproval } from './manager-approval';
import { useMoney, useOpsErrorMessage } from './ops-shared';
import { displayQty, type RefundPick } from './refund-plan';
import './register-ops-refunds.css';

interface Props {
  sale: Sale;
  storeId: string;
  currency: string;
  returns: RefundPick;
  credit: number;
  canRefund: boolean;
  numbering: AllocateDocumentNumber;
  onDone: (doc: Sale) => void;
  onBack: () => void;
}

export function ExchangePanel({ sale, storeId, currency, returns, credit, canRefund, numbering, onDone, onBack }: Props) {
  const { t, i18n } = useTranslation();
  const fmt = useMoney(currency);
  const errorMessage = useOpsErrorMessage();
  const searchId = useId();
  const [text, setText] = useState('');
  const [items, setItems] = useState<NewItems>({});
  const [names, setNames] = useState<Record<string, string>>({});
  const q = useDebounced(text.trim(), 250);
  const hits = useQuery({ queryKey: ['registerOps', 'exchange-search', storeId, q], queryFn: () => refundsApi.searchProducts(q, storeId), enabled: q.length >= 2, staleTime: 30_000 });
  const picked = Object.entries(items).filter(([, n]) => n > 0);
  const quote = useQuery({
    queryKey: ['registerOps', 'exchange-quote', storeId, picked],
    queryFn: () => refundsApi.quote(storeId, picked.map(([productId, qty]) => ({ productId, qty }))),
    enabled: picked.length > 0,
    placeholderData: keepPreviousData,
  });
  const payable = picked.length === 0 ? 0 : quote.data?.totals.payable;
  const balance = payable === undefined ? null : exchangeBalance(credit, payable);
  // One document id and number across retries (wrong PIN, lost answer).
  const attempt = useRef<{ id: string; number: DocumentNumber | null } | null>(null);

  const add = (id: string, name: string, by: 1 | -1) => {
    setNames((n) => ({ ...n, [id]: name }));
    setItems((it) => ({ ...it, [id]: Math.max(0, (it[id] ?? 0) + by * 1000) }));
  };

  const submit = useMutation({
    mutationFn: async () => {
      if (balance === null) return null;
      attempt.current ??= { id: uuidv7(), number: null };
      const a = attempt.current;
      a.number ??= await numbering();
      const body = exchangeBody({ id: a.id, number: a.number, returns, items, balance });
      const why = t('registerOps.exchange.approvalReason', { receipt: sale.receiptNo ?? '' });
      if (!canRefund) return withManagerApproval(why, (pin) => refundsApi.exchange(sale.id, body, pin));
      try {
        return await refundsApi.exchange(sale.id, body);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'permission_denied') return withManagerApproval(why, (pin) => refundsApi.exchange(sale.id, body, pin));
        throw e;
      }
    },
    onSuccess: (doc) => {
      if (doc) onDone(doc);
    },
  });

  return (
    <div className="ops-section exchange" data-testid="exchange">
      <div className="refund__head">
        <div>
          <h3>{t('registerOps.exchange.heading', { receipt: sale.receiptNo ?? '—' })}</h3>
          <p className="muted small">{t('registerOps.exchange.credit', { amount: fmt(credit) })}</p>
        </div>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('registerOps.exchange.back')}
        </button>
      </div>
      <div className="field">
        <label htmlFor={searchId}>{t('registerOps.exchange.search')}</label>
        <input id={searchId} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" placeholder={t('registerOps.exchange.searchHint')} />
      </div>
      {hits.data && (
        <ul className="ops-list exchange__hits">
          {hits.data.items.filter((p) => exchangeable(p, storeId)).map((p) => {
            const price = p.prices.find((x) => x.storeId === storeId && x.variantId === null)!.price;
            return (
              <li key={p.id}>
                <button type="button" className="button button--large button--block exchange__hit" onClick={() => add(p.id, p.name, 1)}>
                  <span>{p.name}</span>
                  <span className="nowrap">{fmt(price)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {picked.length > 0 && (
        <ul className="refund-lines" aria-label={t('registerOps.exchange.newItems')}>
          {picked.map(([id, qty]) => {
            const line = quote.data?.lines.find((l) => l.productId === id && !l.isDeposit);
            return (
              <li key={id} className="refund-line refund-line--picked" data-testid="exchange-line">
                <strong className="refund-line__name">{names[id] ?? line?.name ?? ''}</strong>
                <div className="refund-line__qty">
                  <button type="button" className="denomination__step" aria-label={t('registerOps.exchange.less', { name: names[id] })} onClick={() => add(id, names[id] ?? '', -1)}>
                    −
                  </button>
                  <span className="refund-line__count">{displayQty(qty, i18n.language)}</span>
                  <button type="button" className="denomination__step" aria-label={t('registerOps.exchange.more', { name: names[id] })} onClick={() => add(id, names[id] ?? '', 1)}>
                    +
                  </button>
                </div>
                <strong className="refund-line__amount nowrap">{line ? fmt(line.total) : '…'}</strong>
              </li>
            );
          })}
        </ul>
      )}
      {quote.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(quote.error)}
        </p>
      )}
      {balance !== null && picked.length > 0 && (
        <p className="change-due" data-testid="exchange-balance">
          <span>{balance > 0 ? t('registerOps.exchange.customerPays') : balance < 0 ? t('registerOps.exchange.payOut') : t('registerOps.exchange.even')}</span>
          <strong>{fmt(Math.abs(balance))}</strong>
        </p>
      )}
      {submit.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(submit.error)}
        </p>
      )}
      <button
        type="button"
        className="button button--primary button--large button--block"
        disabled={picked.length === 0 || balance === null || quote.isFetching || submit.isPending}
        onClick={() => submit.mutate()}
        data-testid="exchange-submit"
      >
        {canRefund ? t('registerOps.exchange.submit') : t('registerOps.exchange.submitApproval')}
      </button>
    </div>
  );
}
