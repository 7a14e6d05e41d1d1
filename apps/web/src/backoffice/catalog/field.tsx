import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../lib/field-errors';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

const FIELD_CODES = [
  'required',
  'invalid_amount',
  'too_precise',
  'negative',
  'invalid_unit',
  'sku_taken',
  'barcode_taken',
  'unknown_tax_class',
  'not_found',
  'invalid_deposit',
  'product_archived',
  'duplicate_price',
  'category_cycle',
  'category_not_empty',
  'invalid_percent',
  'invalid_period',
] as const;

/** A translated sentence for a field error (client-side or from the server's `details.field`). */
export function useFieldMessage(): (error: FieldError | undefined) => string | undefined {
  const { t } = useTranslation();
  return (error) => {
    if (!error) return undefined;
    if (error.code === 'invalid_barcode') {
      const reason = error.reason === 'check_digit' || error.reason === 'length' ? error.reason : 'format';
      return t(`fieldErrors.barcode_${reason}`);
    }
    if ((FIELD_CODES as readonly string[]).includes(error.code)) {
      return t(`fieldErrors.${error.code as (typeof FIELD_CODES)[number]}`);
    }
    return t('fieldErrors.invalid');
  };
}

interface FieldProps {
  label: string;
  hint?: string;
  error?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** Label, control, hint and error, wired together for screen readers. */
export function Field({ label, hint, error, className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
