import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { productsApi } from '../../lib/api/catalog-endpoints';
import type { Product } from '../../lib/api/catalog-types';
import type { Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { errorFor, fieldErrorsOf, type FieldError } from '../../lib/field-errors';
import { parseMoneyInput } from '../../lib/money';
import { useFieldMessage } from './field';
import { OptionAxesEditor, type AxisText } from './option-axes-editor';
import { describeOptions, generateDrafts, type VariantDraft } from './variant-matrix';

interface VariantsSectionProps {
  product: Product | null;
  store: Store;
  baseSku: string;
  drafts: VariantDraft[];
  onDraftsChange: (drafts: VariantDraft[]) => void;
  variantPrices: Record<string, string>;
  onVariantPriceChange: (variantId: string, text: string) => void;
  /** Errors of the create request, paths `variants.N.…`. */
  errors: FieldError[];
  onChanged: () => void;
}

export function VariantsSection(props: VariantsSectionProps) {
  const { product, store, baseSku, drafts, onDraftsChange, variantPrices, onVariantPriceChange, onChanged } =
    props;
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldMessage = useFieldMessage();
  const titleId = useId();
  const [axes, setAxes] = useState<AxisText[]>([{ name: '', values: '' }]);
  // Errors of adding variants to a saved product, by draft key.
  const [addErrors, setAddErrors] = useState<Record<string, FieldError[]>>({});
  const [addFailure, setAddFailure] = useState<unknown>(null);
  const existing = product?.variants ?? [];
  const errorsOf = (i: number, key: string): FieldError[] =>
    product
      ? (addErrors[key] ?? [])
      : props.errors
          .filter((e) => e.field.startsWith(`variants.${i}.`))
          .map((e) => ({ ...e, field: e.field.slice(`variants.${i}.`.length) }));

  const generate = () => {
    const parsed = axes.map((a) => ({
      name: a.name.trim(),
      values: [
        ...new Set(
          a.values
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
        ),
      ],
    }));
    onDraftsChange(
      generateDrafts(
        parsed,
        baseSku,
        existing.map((v) => v.options),
        drafts,
      ),
    );
  };
  const update = (key: string, patch: Partial<VariantDraft>) =>
    onDraftsChange(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  const addAll = useMutation({
    mutationFn: async () => {
      setAddFailure(null);
      const failed: VariantDraft[] = [];
      const errors: Record<string, FieldError[]> = {};
      for (const d of drafts) {
        const price = d.price.trim() ? parseMoneyInput(d.price, store.currency) : null;
        if (price && !price.ok) {
          failed.push(d);
          errors[d.key] = [{ field: 'prices.0.price', code: price.error }];
          continue;
        }
        try {
          await productsApi.addVariant(product!.id, {
            sku: d.sku.trim(),
            options: d.options,
            barcodes: d.barcode.trim() ? [{ code: d.barcode.trim() }] : [],
            prices: price?.ok ? [{ storeId: store.id, price: price.value }] : [],
          });
        } catch (error) {
          failed.push(d);
          const fields = fieldErrorsOf(error);
          errors[d.key] = fields;
          if (fields.length === 0) setAddFailure(error);
        }
      }
      setAddErrors(errors);
      onDraftsChange(failed);
    },
    onSettled: onChanged,
  });
  const toggle = useMutation({
    mutationFn: (v: { id: string; status: 'active' | 'archived' }) =>
      productsApi.updateVariant(v.id, { status: v.status === 'active' ? 'archived' : 'active' }),
    onSuccess: onChanged,
  });

  return (
    <section className="card editor-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('variants.title')}</h2>
      <p className="muted small">{t('variants.subtitle')}</p>

      {existing.length > 0 && (
        <div className="table-wrap">
          <table className="table table--compact" data-testid="variant-table">
            <thead>
              <tr>
                <th scope="col">{t('variants.variant')}</th>
                <th scope="col">{t('products.sku')}</th>
                <th scope="col">{t('products.price')}</th>
                <th scope="col">{t('products.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('devices.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {existing.map((v) => (
                <tr key={v.id} className={v.status === 'archived' ? 'is-revoked' : undefined}>
                  <td>
                    <strong>{v.name}</strong>
                    <div className="muted small">{describeOptions(v.options)}</div>
                  </td>
                  <td>
                    <code>{v.sku}</code>
                  </td>
                  <td>
                    <input
                      className="input-money input-compact"
                      aria-label={t('variants.priceOf', { name: v.name })}
                      inputMode="decimal"
                      placeholder={t('variants.usesProductPrice')}
                      value={variantPrices[v.id] ?? ''}
                      onChange={(e) => onVariantPriceChange(v.id, e.target.value)}
                    />
                  </td>
                  <td>
                    <span className={v.status === 'archived' ? 'badge badge--muted' : 'badge badge--ok'}>
                      {v.status === 'archived'
                        ? t('products.statusArchivedOne')
                        : t('products.statusActiveOne')}
                    </span>
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button--small"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate(v)}
                    >
                      {v.status === 'archived' ? t('products.restore') : t('products.archive')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {toggle.isError && <p className="alert alert--error">{errorMessage(toggle.error)}</p>}

      <OptionAxesEditor axes={axes} onChange={setAxes} onGenerate={generate} />

      {drafts.length > 0 && (
        <>
          <h3>{t('variants.newVariants', { count: drafts.length })}</h3>
          <div className="table-wrap">
            <table className="table table--compact" data-testid="variant-drafts">
              <thead>
                <tr>
                  <th scope="col">{t('variants.variant')}</th>
                  <th scope="col">{t('products.sku')}</th>
                  <th scope="col">{t('variants.barcode')}</th>
                  <th scope="col">{t('products.price')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('devices.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d, i) => {
                  const errs = errorsOf(i, d.key);
                  const label = describeOptions(d.options);
                  const msg = (f: string) => fieldMessage(errorFor(errs, f));
                  return (
                    <tr key={d.key}>
                      <td>{label}</td>
                      <td>
                        <input
                          className="input-compact"
                          aria-label={t('variants.skuOf', { name: label })}
                          value={d.sku}
                          spellCheck={false}
                          aria-invalid={msg('sku') ? true : undefined}
                          onChange={(e) => update(d.key, { sku: e.target.value })}
                        />
                        {msg('sku') && (
                          <span className="field-error" role="alert">
                            {msg('sku')}
                          </span>
                        )}
                      </td>
                      <td>
                        <input
                          className="input-compact"
                          aria-label={t('variants.barcodeOf', { name: label })}
                          value={d.barcode}
                          inputMode="numeric"
                          spellCheck={false}
                          aria-invalid={msg('barcodes') ? true : undefined}
                          onChange={(e) => update(d.key, { barcode: e.target.value })}
                        />
                        {msg('barcodes') && (
                          <span className="field-error" role="alert">
                            {msg('barcodes')}
                          </span>
                        )}
                      </td>
                      <td>
                        <input
                          className="input-money input-compact"
                          aria-label={t('variants.priceOf', { name: label })}
                          value={d.price}
                          inputMode="decimal"
                          placeholder={t('variants.usesProductPrice')}
                          aria-invalid={msg('prices') ? true : undefined}
                          onChange={(e) => update(d.key, { price: e.target.value })}
                        />
                        {msg('prices') && (
                          <span className="field-error" role="alert">
                            {msg('prices')}
                          </span>
                        )}
                      </td>
                      <td className="actions">
                        <button
                          type="button"
                          className="button button--small button--danger"
                          aria-label={t('variants.removeDraft', { name: label })}
                          onClick={() => onDraftsChange(drafts.filter((x) => x.key !== d.key))}
                        >
                          {t('barcodes.remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {product && (
            <div className="button-row section-actions">
              <button
                type="button"
                className="button button--primary"
                disabled={addAll.isPending}
                onClick={() => addAll.mutate()}
              >
                {t('variants.addAll', { count: drafts.length })}
              </button>
            </div>
          )}
          {!product && <p className="muted small">{t('variants.savedWithProduct')}</p>}
          {addFailure !== null && <p className="alert alert--error">{errorMessage(addFailure)}</p>}
        </>
      )}
    </section>
  );
}
