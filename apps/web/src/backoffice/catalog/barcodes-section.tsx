import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { productsApi } from '../../lib/api/catalog-endpoints';
import type { Product } from '../../lib/api/catalog-types';
import { useErrorMessage } from '../../lib/error-message';
import { errorFor, fieldErrorsOf, type FieldError } from '../../lib/field-errors';
import { useFieldMessage } from './field';

interface BarcodesSectionProps {
  /** Saved product: barcodes are added and removed right away. */
  product: Product | null;
  onChanged: () => void;
  /** New product: barcodes collected for the create request. */
  pending: string[];
  onPendingChange: (codes: string[]) => void;
  /** Errors of the create request (`barcodes.N.code`). */
  errors: FieldError[];
}

export function BarcodesSection({
  product,
  onChanged,
  pending,
  onPendingChange,
  errors,
}: BarcodesSectionProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldMessage = useFieldMessage();
  const inputId = useId();
  const variantSelectId = useId();
  const errorId = useId();
  const [code, setCode] = useState('');
  const [variantId, setVariantId] = useState('');
  const add = useMutation({
    mutationFn: () => productsApi.addBarcode(product!.id, code.trim(), variantId || null),
    onSuccess: () => {
      setCode('');
      onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => productsApi.removeBarcode(id),
    onSuccess: onChanged,
  });
  const addError = add.error
    ? (fieldMessage(errorFor(fieldErrorsOf(add.error), 'code')) ?? errorMessage(add.error))
    : undefined;
  const variants = product?.variants ?? [];
  const variantName = (id: string | null) => variants.find((v) => v.id === id)?.name;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return;
    if (product) add.mutate();
    else {
      onPendingChange([...pending, code.trim()]);
      setCode('');
    }
  };

  const rows = product
    ? product.barcodes.map((b) => ({
        key: b.id,
        code: b.code,
        kind: b.kind,
        owner: variantName(b.variantId),
        error: undefined as string | undefined,
      }))
    : pending.map((c, i) => ({
        key: `${i}:${c}`,
        code: c,
        kind: '',
        owner: undefined,
        error: fieldMessage(errorFor(errors, `barcodes.${i}`)),
      }));

  return (
    <section className="card editor-section" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('barcodes.title')}</h2>
      <p className="muted small">{t('barcodes.subtitle')}</p>
      {rows.length > 0 ? (
        <ul className="barcode-list" data-testid="barcode-list">
          {rows.map((row, i) => (
            <li key={row.key}>
              <code className="barcode-list__code">{row.code}</code>
              {row.kind && <span className="badge badge--muted">{row.kind}</span>}
              {row.owner && <span className="muted small">{row.owner}</span>}
              {row.error && (
                <span className="field-error" role="alert">
                  {row.error}
                </span>
              )}
              <button
                type="button"
                className="button button--small button--danger"
                aria-label={t('barcodes.removeNamed', { code: row.code })}
                disabled={remove.isPending}
                onClick={() => {
                  if (product) remove.mutate(product.barcodes[i]!.id);
                  else onPendingChange(pending.filter((_, k) => k !== i));
                }}
              >
                {t('barcodes.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('barcodes.none')}</p>
      )}
      {remove.isError && <p className="alert alert--error">{errorMessage(remove.error)}</p>}
      <form className="add-row" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={inputId}>{t('barcodes.add')}</label>
          <input
            id={inputId}
            value={code}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            aria-invalid={addError ? true : undefined}
            aria-describedby={addError ? errorId : undefined}
            onChange={(e) => {
              setCode(e.target.value);
              if (add.isError) add.reset();
            }}
          />
          {addError && (
            <span className="field-error" id={errorId} role="alert" data-testid="barcode-error">
              {addError}
            </span>
          )}
        </div>
        {variants.length > 0 && (
          <div className="field">
            <label htmlFor={variantSelectId}>{t('barcodes.belongsTo')}</label>
            <select id={variantSelectId} value={variantId} onChange={(e) => setVariantId(e.target.value)}>
              <option value="">{t('barcodes.wholeProduct')}</option>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button" disabled={add.isPending || !code.trim()}>
          {t('barcodes.addButton')}
        </button>
      </form>
    </section>
  );
}
