// Cash in / cash out during a shift, each with a reason (the cash slip).
import { uuidv7 } from '@opentill/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftsApi, type CashMovement, type CashMovementKind } from '../../lib/api/register-ops-endpoints';
import { formatTime } from '../../lib/format';
import type { LocalOps } from './local-ops';
import { recordLocalCashMovement } from './local-ops';
import { MoneyField, useMoney, useMoneyParse, useOpsErrorMessage } from './ops-shared';

const KINDS = ['pay_in', 'pay_out', 'bank_deposit'] as const satisfies readonly CashMovementKind[];
type Kind = (typeof KINDS)[number];
const REASON_MAX = 120;

type Slip = CashMovement & { local?: boolean };

/**
 * With `local` (the sell screen's outbox) a movement is stored on the register first and sent by the
 * sync worker — online or not, like a sale; without it, it goes straight to the server.
 */
export function CashMovementForm({ shiftId, currency, local }: { shiftId: string; currency: string; local?: LocalOps | undefined }) {
  const { t, i18n } = useTranslation();
  const fmt = useMoney(currency);
  const parse = useMoneyParse(currency);
  const errorMessage = useOpsErrorMessage();
  const reasonId = useId();
  const [kind, setKind] = useState<Kind>('pay_in');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string | null; reason?: string | null }>({});
  const [slips, setSlips] = useState<Slip[]>([]);
  // A new id per movement, kept across retries of the same one (the server dedupes by it).
  const id = useRef(uuidv7());
  const record = useMutation({
    // Stored locally it needs no network: TanStack would otherwise hold the mutation while offline.
    networkMode: local ? 'always' : 'online',
    mutationFn: async (body: { kind: Kind; amount: number; reason: string }): Promise<Slip> => {
      if (!local) return shiftsApi.cashMovement(shiftId, { id: id.current, ...body });
      const entry = await recordLocalCashMovement(local, shiftId, { id: id.current, ...body });
      return { ...entry.body, shiftId, createdAt: entry.createdAt, local: true };
    },
    onSuccess: (movement) => {
      setSlips((s) => [movement, ...s]);
      setAmount('');
      setReason('');
      id.current = uuidv7();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parse(amount);
    const amountError = parsed.error ?? (parsed.value === 0 ? t('registerOps.money.zero') : null);
    const reasonError = reason.trim() ? null : t('registerOps.cash.reasonRequired');
    setErrors({ amount: amountError, reason: reasonError });
    if (amountError || reasonError || parsed.value === null) return;
    record.mutate({ kind, amount: parsed.value, reason: reason.trim() });
  };

  return (
    <form className="ops-section ops-form" onSubmit={submit} noValidate data-testid="cash-movement-form">
      <fieldset className="ops-choice">
        <legend>{t('registerOps.cash.kind')}</legend>
        {KINDS.map((k) => (
          <label key={k} className={kind === k ? 'ops-choice__item ops-choice__item--on' : 'ops-choice__item'}>
            <input type="radio" name="cash-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`registerOps.cash.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <MoneyField label={t('registerOps.cash.amount')} value={amount} onChange={setAmount} currency={currency} error={errors.amount} testId="cash-amount" />
      <div className="field">
        <label htmlFor={reasonId}>{t('registerOps.cash.reason')}</label>
        <input
          id={reasonId}
          value={reason}
          maxLength={REASON_MAX}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          placeholder={t('registerOps.cash.reasonPlaceholder')}
          data-testid="cash-reason"
        />
        {errors.reason && (
          <span className="field-error" role="alert">
            {errors.reason}
          </span>
        )}
      </div>
      {record.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(record.error)}
        </p>
      )}
      <button type="submit" className="button button--primary button--large button--block" disabled={record.isPending}>
        {t('registerOps.cash.record')}
      </button>
      {slips.length > 0 && (
        <div className="ops-slips" aria-live="polite">
          <h3>{t('registerOps.cash.slips')}</h3>
          <ul>
            {slips.map((m) => (
              <li key={m.id} className="ops-slip" data-testid="cash-slip">
                <span>{formatTime(m.createdAt, i18n.language)}</span>
                <span>{t(`registerOps.cash.kinds.${m.kind}`)}</span>
                <span className="ops-slip__reason">{m.reason}</span>
                <strong className="nowrap">{m.kind === 'pay_in' ? fmt(m.amount) : fmt(-m.amount)}</strong>
                {m.local && <span className="muted small ops-slip__note">{t('registerOps.cash.savedLocal')}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
