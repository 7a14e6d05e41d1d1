import { uuidv7 } from '@opentill/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minorToInput, parseMoneyInput } from '../../lib/money';
import { CardTenderPanel, type ApprovedCardPayment } from '../ops/card-tender';
import type { PaymentRequest } from '../data/sale-request';
import { quickCashAmounts } from './cart-state';
import { PromptDialog } from './prompt-dialog';

interface TenderPanelProps {
  registerId: string;
  saleId: string;
  /** Total payable (with cash rounding when everything is paid in cash). */
  total: number;
  cashTotal: number;
  payments: PaymentRequest[];
  online: boolean;
  currency: string;
  money: (amount: number | null) => string;
  onPayment: (p: PaymentRequest) => void;
  onRemovePayment: (id: string) => void;
  onBack: () => void;
  busy: boolean;
}

export const paidOf = (payments: PaymentRequest[]) => payments.reduce((s, p) => s + p.amount, 0);

/** What is due: the cash total while only cash was taken, the exact total once any other tender is in. */
export function dueOf(total: number, cashTotal: number, payments: PaymentRequest[]): number {
  const allCash = payments.every((p) => p.tender === 'cash');
  return (allCash ? cashTotal : total) - paidOf(payments);
}

/** Quick cash (exact, next banknotes), any other amount, card via the terminal, split tender. */
export function TenderPanel(props: TenderPanelProps) {
  const { t, i18n } = useTranslation();
  const { total, cashTotal, payments, money } = props;
  const [askCash, setAskCash] = useState(false);
  const [voucher, setVoucher] = useState<{ step: 'code' } | { step: 'amount'; code: string } | null>(null);
  const [card, setCard] = useState(false);
  const due = dueOf(total, cashTotal, payments);

  const cash = (tendered: number) => {
    const amount = Math.min(tendered, dueOf(total, cashTotal, payments));
    if (amount <= 0) return;
    props.onPayment({ id: uuidv7(), tender: 'cash', amount, tendered });
  };

  return (
    <section className="sell-tender" aria-label={t('sell.tender.title')}>
      <div className="sell-tender__due">
        <span>{t('sell.tender.due')}</span>
        <strong data-testid="amount-due">{money(Math.max(due, 0))}</strong>
      </div>
      {payments.length > 0 && (
        <ul className="sell-tender__payments" aria-label={t('sell.tender.payments')}>
          {payments.map((p) => (
            <li key={p.id}>
              <span>{t(`sell.tender.kind.${p.tender}`)}</span>
              <span>{money(p.amount)}</span>
              {p.tender === 'cash' && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => props.onRemovePayment(p.id)}
                  aria-label={t('sell.tender.removePayment', { amount: money(p.amount) })}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="sell-tender__quick" role="group" aria-label={t('sell.tender.quickCash')}>
        {quickCashAmounts(due).map((a, i) => (
          <button
            key={a}
            type="button"
            className="button button--large sell-cash"
            disabled={props.busy}
            onClick={() => cash(a)}
          >
            {i === 0 ? t('sell.tender.exact', { amount: money(a) }) : money(a)}
          </button>
        ))}
        <button
          type="button"
          className="button button--large"
          disabled={props.busy || due <= 0}
          onClick={() => setAskCash(true)}
        >
          {t('sell.tender.otherCash')}
        </button>
      </div>
      <div className="sell-tender__other">
        <button
          type="button"
          className="button button--large"
          disabled={!props.online || props.busy || due <= 0}
          onClick={() => setCard(true)}
        >
          {t('sell.tender.card')}
        </button>
        <button type="button" className="button button--large" disabled={props.busy || due <= 0} onClick={() => setVoucher({ step: 'code' })}>
          {t('sell.tender.voucher')}
        </button>
        {!props.online && <p className="muted">{t('sell.tender.cardOffline')}</p>}
      </div>
      {card && (
        <CardTenderPanel
          registerId={props.registerId}
          saleId={props.saleId}
          amount={dueOf(total, total, payments)}
          online={props.online}
          onApproved={(p: ApprovedCardPayment) => {
            setCard(false);
            props.onPayment({ id: p.paymentId, tender: 'card', amount: p.amount });
          }}
          onCancel={() => setCard(false)}
        />
      )}
      <button type="button" className="button sell-tender__back" onClick={props.onBack} disabled={props.busy}>
        {t('sell.tender.back')}
      </button>
      {voucher?.step === 'code' && (
        <PromptDialog
          title={t('sell.tender.voucher')}
          label={t('sell.tender.voucherCode')}
          inputMode="text"
          onCancel={() => setVoucher(null)}
          onSubmit={(v) => {
            const code = v.trim();
            if (!/^[A-Za-z0-9._/-]{1,64}$/.test(code)) return t('sell.tender.badVoucher');
            setVoucher({ step: 'amount', code });
            return null;
          }}
        />
      )}
      {voucher?.step === 'amount' && (
        <PromptDialog
          title={t('sell.tender.voucher')}
          label={t('sell.tender.voucherAmount')}
          initial={minorToInput(Math.max(due, 0), props.currency, i18n.language)}
          onCancel={() => setVoucher(null)}
          onSubmit={(v) => {
            const m = parseMoneyInput(v, props.currency);
            if (!m.ok || m.value <= 0) return t('sell.line.badAmount');
            const code = voucher.code;
            setVoucher(null);
            // A voucher pays at most what is due; it gives no change.
            props.onPayment({ id: uuidv7(), tender: 'voucher', amount: Math.min(m.value, dueOf(total, total, payments)), voucherCode: code });
            return null;
          }}
        />
      )}
      {askCash && (
        <PromptDialog
          title={t('sell.tender.otherCash')}
          label={t('sell.tender.tendered')}
          onCancel={() => setAskCash(false)}
          onSubmit={(v) => {
            const m = parseMoneyInput(v, props.currency);
            if (!m.ok || m.value <= 0) return t('sell.line.badAmount');
            setAskCash(false);
            cash(m.value);
            return null;
          }}
        />
      )}
    </section>
  );
}
