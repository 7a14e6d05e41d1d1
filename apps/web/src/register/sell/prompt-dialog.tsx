import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface PromptProps {
  title: string;
  label: string;
  hint?: string;
  initial?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  submitLabel?: string;
  /** Returns an error sentence, or null when the value is accepted. */
  onSubmit: (value: string) => string | null | Promise<string | null>;
  onCancel: () => void;
}

/** A small modal asking for one value (weight, amount, percentage, note). */
export function PromptDialog({
  title,
  label,
  hint,
  initial = '',
  inputMode = 'decimal',
  submitLabel,
  onSubmit,
  onCancel,
}: PromptProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const inputId = useId();
  const titleId = useId();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(await onSubmit(value));
  };
  return (
    <dialog
      ref={ref}
      className="sell-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => (e.preventDefault(), onCancel())}
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={titleId}>{title}</h2>
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <input
            id={inputId}
            autoFocus
            inputMode={inputMode}
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
          {hint && <span className="hint">{hint}</span>}
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={onCancel}>
            {t('sell.common.cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {submitLabel ?? t('sell.common.ok')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** "0,312" kg or "312" g → grams (milli-units); null when unreadable. */
export function parseWeight(text: string): number | null {
  const s = text.trim().replace(/\s/g, '').toLowerCase();
  const g = /^(\d{1,6})g?$/.exec(s);
  if (g && !/[.,]/.test(s) && (s.endsWith('g') || Number(g[1]) >= 10)) {
    const grams = Number(g[1]);
    return grams > 0 ? grams : null;
  }
  const kg = /^(\d{1,4})(?:[.,](\d{1,3}))?(?:kg)?$/.exec(s);
  if (!kg) return null;
  const milli = Number(kg[1]) * 1000 + Number((kg[2] ?? '').padEnd(3, '0') || '0');
  return milli > 0 ? milli : null;
}
