// Small pieces the register-ops screens share: online state, money input, error sentences.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from '../../lib/api/api-error';
import { useErrorMessage } from '../../lib/error-message';
import { formatMinor, parseMoneyInput, type MoneyParse } from '../../lib/money';

/** The browser's view of the network, unless the sell screen (which knows better) passes it in. */
export function useOnline(override?: boolean): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return override ?? online;
}

export function isOfflineError(error: unknown): boolean {
  return error instanceof ApiError && error.code === NETWORK_ERROR;
}

/** A translated sentence for register-ops errors: our own codes first, then the app's. */
export function useOpsErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  const generic = useErrorMessage();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      switch (error.code) {
        case 'shift_already_open':
          return t('registerOps.errors.shiftAlreadyOpen');
        case 'shift_closed':
          return t('registerOps.errors.shiftClosed');
        case 'no_open_shift':
        case 'shift_required':
          return t('registerOps.errors.noOpenShift');
        case 'refund_exceeds_sold':
          return t('registerOps.errors.refundExceedsSold');
        case 'not_refundable':
          return t('registerOps.errors.notRefundable');
        case 'store_mismatch':
          return t('registerOps.errors.storeMismatch');
        case 'payments_mismatch':
          return t('registerOps.errors.paymentsMismatch');
      }
    }
    return generic(error);
  };
}

export function useMoney(currency: string): (amount: number | null | undefined) => string {
  const { i18n } = useTranslation();
  return (amount) => formatMinor(amount, currency, i18n.language);
}

/** A big money field: typed in the UI language ("12,50" / "12.50"), parsed without floats. */
export function MoneyField({
  label,
  value,
  onChange,
  currency,
  error,
  testId,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  currency: string;
  error?: string | null;
  testId?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const errorId = useId();
  return (
    <div className="field ops-money-field">
      <label htmlFor={id}>{label}</label>
      <div className="ops-money-field__input">
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          data-testid={testId}
          autoFocus={autoFocus}
        />
        <span className="ops-money-field__currency" aria-hidden="true">
          {currency}
        </span>
      </div>
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** Parses a money field and names the problem in words. */
export function useMoneyParse(currency: string): (text: string) => { value: number | null; error: string | null } {
  const { t } = useTranslation();
  return (text) => {
    const parsed: MoneyParse = parseMoneyInput(text, currency);
    if (parsed.ok) return { value: parsed.value, error: null };
    return { value: null, error: t(`registerOps.money.${parsed.error}`) };
  };
}
