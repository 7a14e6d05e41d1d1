// Opening a shift: the cashier counts the float in the drawer and enters it.
import { uuidv7 } from '@opentill/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftsApi, type Shift } from '../../lib/api/register-ops-endpoints';
import { MoneyField, useMoney, useMoneyParse, useOpsErrorMessage } from './ops-shared';

export function ShiftOpenForm({ registerId, currency, onOpened }: { registerId: string; currency: string; onOpened: (shift: Shift) => void }) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const parse = useMoneyParse(currency);
  const errorMessage = useOpsErrorMessage();
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  // One id per form: a double tap or a retry after a lost answer opens the same shift once.
  const id = useRef(uuidv7());
  const open = useMutation({ mutationFn: (openingFloat: number) => shiftsApi.open(registerId, { id: id.current, openingFloat }), onSuccess: onOpened });
  const preview = parse(text);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { value, error } = parse(text);
    setFieldError(error);
    if (value === null) return;
    open.mutate(value);
  };

  return (
    <form className="ops-section ops-form" onSubmit={submit} noValidate data-testid="shift-open-form">
      <h3>{t('registerOps.shift.openHeading')}</h3>
      <p className="muted">{t('registerOps.shift.openHint')}</p>
      <MoneyField label={t('registerOps.shift.float')} value={text} onChange={setText} currency={currency} error={fieldError} testId="opening-float" autoFocus />
      {open.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(open.error)}
        </p>
      )}
      <button type="submit" className="button button--primary button--large button--block" disabled={open.isPending}>
        {preview.value !== null ? t('registerOps.shift.openWith', { amount: fmt(preview.value) }) : t('registerOps.shift.open')}
      </button>
    </form>
  );
}
