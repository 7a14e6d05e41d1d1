import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { productsApi } from '../../lib/api/catalog-endpoints';
import { UNITS, type TaxClass, type Unit } from '../../lib/api/catalog-types';
import type { Store } from '../../lib/api/types';
import { errorFor, type FieldError } from '../../lib/field-errors';
import { formatBp } from '../../lib/money';
import type { CategoryNode } from './catalog-queries';
import { Field, useFieldMessage } from './field';
import type { ProductDraft } from './product-draft';
import { ProductPicker } from './product-picker';

export const BUILTIN_TAX_CLASSES = [
  'standard',
  'reduced',
  'intermediate',
  'super_reduced',
  'accommodation',
  'zero',
] as const;

/** The tax class in the UI language: built-in codes are translated, custom ones keep their name. */
export function useTaxClassLabel() {
  const { t, i18n } = useTranslation();
  return (c: TaxClass) => {
    const name =
      (BUILTIN_TAX_CLASSES as readonly string[]).includes(c.code) && c.builtin
        ? t(`taxClasses.${c.code as (typeof BUILTIN_TAX_CLASSES)[number]}`)
        : c.name;
    return `${name} (${formatBp(c.rateBp, i18n.language)})`;
  };
}

interface ProductFieldsProps {
  productId: string | null;
  draft: ProductDraft;
  onChange: (patch: Partial<ProductDraft>) => void;
  errors: FieldError[];
  store: Store;
  taxClasses: TaxClass[];
  categories: CategoryNode[];
}

export function ProductFields({
  productId,
  draft,
  onChange,
  errors,
  store,
  taxClasses,
  categories,
}: ProductFieldsProps) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const taxLabel = useTaxClassLabel();
  const err = (field: string) => message(errorFor(errors, field));
  const deposit = useQuery({
    queryKey: ['catalog', 'products', 'one', draft.depositProductId, 'name'],
    queryFn: () => productsApi.get(draft.depositProductId!),
    enabled: Boolean(draft.depositProductId),
  });
  const classKnown = taxClasses.some((c) => c.code === draft.taxClass);

  return (
    <div className="form-grid">
      <Field label={t('products.name')} error={err('name')} className="span-2">
        {(p) => (
          <input
            {...p}
            value={draft.name}
            maxLength={200}
            onChange={(e) => onChange({ name: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('products.sku')} hint={t('products.skuHint')} error={err('sku')}>
        {(p) => (
          <input
            {...p}
            value={draft.sku}
            maxLength={64}
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => onChange({ sku: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('products.category')} error={err('categoryId')}>
        {(p) => (
          <select {...p} value={draft.categoryId} onChange={(e) => onChange({ categoryId: e.target.value })}>
            <option value="">{t('products.noCategory')}</option>
            {categories.map((n) => (
              <option key={n.category.id} value={n.category.id}>
                {n.path}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('products.price')}
        hint={t('products.priceHint', { store: store.name, currency: store.currency })}
        error={err('prices.0.price') ?? err('prices')}
      >
        {(p) => (
          <input
            {...p}
            value={draft.price}
            inputMode="decimal"
            autoComplete="off"
            className="input-money"
            onChange={(e) => onChange({ price: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('products.costPrice')} hint={t('products.costPriceHint')} error={err('costPrice')}>
        {(p) => (
          <input
            {...p}
            value={draft.costPrice}
            inputMode="decimal"
            autoComplete="off"
            className="input-money"
            onChange={(e) => onChange({ costPrice: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={t('products.taxClass')}
        hint={t('products.taxClassHint', { country: store.address.country })}
        error={err('taxClass')}
      >
        {(p) => (
          <select {...p} value={draft.taxClass} onChange={(e) => onChange({ taxClass: e.target.value })}>
            {!classKnown && <option value={draft.taxClass}>{draft.taxClass || '—'}</option>}
            {taxClasses.map((c) => (
              <option key={c.id} value={c.code}>
                {taxLabel(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('products.unit')} error={err('unit') ?? err('soldByWeight')}>
        {(p) => (
          <select {...p} value={draft.unit} onChange={(e) => onChange({ unit: e.target.value as Unit })}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`units.${u}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field field--check">
        <label>
          <input
            type="checkbox"
            checked={draft.soldByWeight}
            onChange={(e) => onChange({ soldByWeight: e.target.checked })}
          />
          {t('products.soldByWeight')}
        </label>
        <span className="hint">{t('products.soldByWeightHint')}</span>
      </div>
      <div className="field span-all">
        <span className="field__label" id="deposit-label">
          {t('products.deposit')}
        </span>
        {draft.depositProductId ? (
          <div className="chip-row" aria-labelledby="deposit-label">
            <span className="chip" data-testid="deposit-chip">
              {deposit.data?.name ?? t('common.loading')}
            </span>
            <button
              type="button"
              className="button button--small"
              onClick={() => onChange({ depositProductId: null })}
            >
              {t('products.removeDeposit')}
            </button>
          </div>
        ) : (
          <ProductPicker
            label={t('products.depositSearch')}
            exclude={productId ? [productId] : []}
            onPick={(p) => onChange({ depositProductId: p.id })}
          />
        )}
        <span className="hint">{t('products.depositHint')}</span>
        {err('depositProductId') && (
          <span className="field-error" role="alert">
            {err('depositProductId')}
          </span>
        )}
      </div>
      <Field label={t('products.description')} error={err('description')} className="span-all">
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={draft.description}
            maxLength={2000}
            onChange={(e) => onChange({ description: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
