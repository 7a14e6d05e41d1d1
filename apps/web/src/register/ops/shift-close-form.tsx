// Closing a shift: count the drawer note by note and coin by coin (or enter the total), then the
// server computes expected cash and over/short in the Z report. The count is blind on purpose: the
// expected amount shows only after closing, so the count is not "adjusted" to match it.
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftsApi, type Shift, type ShiftReport } from '../../lib/api/register-ops-endpoints';
import { countTotal, denominationValue, EUR_COINS, EUR_NOTES, formatDenomination, parsePieces, readCount, toDenominationsBody } from './cash-count';
import { MoneyField, useMoney, useMoneyParse, useOpsErrorMessage } from './ops-shared';

interface Props {
  shift: Shift;
  currency: string;
  pendingSales: number;
  onClosed: (report: ShiftReport) => void;
}

export function ShiftCloseForm({ shift, currency, pendingSales, onClosed }: Props) {
  const { t } = useTranslation();
  const fmt = useMoney(currency);
  const parse = useMoneyParse(currency);
  const errorMessage = useOpsErrorMessage();
  // Denominations are euro notes and coins; other currencies enter the counted total.
  const byDenomination = currency === 'EUR';
  const [mode, setMode] = useState<'denominations' | 'total'>(byDenomination ? 'denominations' : 'total');
  const [fields, setFields] = useState<Record<number, string>>({});
  const [totalText, setTotalText] = useState('');
  const [totalError, setTotalError] = useState<string | null>(null);
  const { count, invalid } = readCount(fields);
  const counted = countTotal(count);
  const blocked = pendingSales > 0;
  const blockedId = useId();

  const close = useMutation({
    mutationFn: (body: { countedDenominations: Record<string, number> } | { countedCash: number }) => shiftsApi.close(shift.id, body),
    onSuccess: onClosed,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    if (mode === 'denominations') {
      if (invalid.length) return;
      close.mutate({ countedDenominations: toDenominationsBody(count) });
      return;
    }
    const { value, error } = parse(totalText);
    setTotalError(error);
    if (value !== null) close.mutate({ countedCash: value });
  };

  const set = (d: number, text: string) => setFields((f) => ({ ...f, [d]: text }));
  const step = (d: number, by: 1 | -1) => {
    const n = parsePieces(fields[d] ?? '') ?? 0;
    set(d, String(Math.max(0, n + by)));
  };
  const total = mode === 'denominations' ? counted : parse(totalText).value;

  return (
    <form className="ops-section ops-form shift-close" onSubmit={submit} noValidate data-testid="shift-close-form">
      <h3>{t('registerOps.close.heading')}</h3>
      {blocked && (
        <p id={blockedId} className="alert alert--warning" role="alert" data-testid="close-blocked">
          {t('registerOps.close.blockedPending', { count: pendingSales })}
        </p>
      )}
      {byDenomination && (
        <div className="ops-segmented" role="group" aria-label={t('registerOps.close.mode')}>
          <button type="button" aria-pressed={mode === 'denominations'} onClick={() => setMode('denominations')}>
            {t('registerOps.close.byDenomination')}
          </button>
          <button type="button" aria-pressed={mode === 'total'} onClick={() => setMode('total')}>
            {t('registerOps.close.byTotal')}
          </button>
        </div>
      )}
      {mode === 'denominations' ? (
        <div className="denominations">
          <DenominationGroup title={t('registerOps.close.notes')} values={EUR_NOTES} fields={fields} currency={currency} onSet={set} onStep={step} invalid={invalid} />
          <DenominationGroup title={t('registerOps.close.coins')} values={EUR_COINS} fields={fields} currency={currency} onSet={set} onStep={step} invalid={invalid} />
        </div>
      ) : (
        <MoneyField label={t('registerOps.close.countedTotal')} value={totalText} onChange={setTotalText} currency={currency} error={totalError} testId="counted-total" />
      )}
      <div className="shift-close__footer">
        <p className="shift-close__total" aria-live="polite">
          <span>{t('registerOps.close.counted')}</span>
          <strong data-testid="counted-sum">{fmt(total ?? 0)}</strong>
        </p>
        {close.isError && (
          <p className="alert alert--error" role="alert">
            {errorMessage(close.error)}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--large"
          disabled={blocked || close.isPending || (mode === 'denominations' && invalid.length > 0)}
          aria-describedby={blocked ? blockedId : undefined}
          data-testid="close-shift"
        >
          {t('registerOps.close.submit', { amount: fmt(total ?? 0) })}
        </button>
      </div>
    </form>
  );
}

function DenominationGroup(props: {
  title: string;
  values: readonly number[];
  fields: Record<number, string>;
  currency: string;
  invalid: number[];
  onSet: (d: number, text: string) => void;
  onStep: (d: number, by: 1 | -1) => void;
}) {
  const { i18n } = useTranslation();
  const fmt = useMoney(props.currency);
  return (
    <fieldset className="denomination-group">
      <legend>{props.title}</legend>
      {props.values.map((d) => (
        <DenominationRow key={d} value={d} text={props.fields[d] ?? ''} label={formatDenomination(d, props.currency, i18n.language)} invalid={props.invalid.includes(d)} onSet={props.onSet} onStep={props.onStep} fmt={fmt} />
      ))}
    </fieldset>
  );
}

function DenominationRow(props: {
  value: number;
  text: string;
  label: string;
  invalid: boolean;
  onSet: (d: number, text: string) => void;
  onStep: (d: number, by: 1 | -1) => void;
  fmt: (n: number) => string;
}) {
  const { t } = useTranslation();
  const { value: d, text, label } = props;
  const id = useId();
  const pieces = parsePieces(text);
  return (
    <div className={props.invalid ? 'denomination denomination--invalid' : 'denomination'} data-testid={`denomination-${d}`}>
      <span className="denomination__label" aria-hidden="true">
        {label}
      </span>
      <button type="button" className="denomination__step" aria-label={t('registerOps.close.less', { denomination: label })} onClick={() => props.onStep(d, -1)}>
        −
      </button>
      <input
        id={id}
        className="denomination__count"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        placeholder="0"
        aria-invalid={props.invalid || undefined}
        aria-label={t('registerOps.close.countOf', { denomination: label })}
        onChange={(e) => props.onSet(d, e.target.value)}
        onFocus={(e) => e.target.select()}
      />
      <button type="button" className="denomination__step" aria-label={t('registerOps.close.more', { denomination: label })} onClick={() => props.onStep(d, 1)}>
        +
      </button>
      <output className="denomination__sum" htmlFor={id}>
        {pieces === null ? '—' : props.fmt(denominationValue(d, pieces))}
      </output>
    </div>
  );
}
