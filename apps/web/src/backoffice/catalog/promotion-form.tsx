import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { productsApi, promotionsApi } from '../../lib/api/catalog-endpoints';
import { PROMOTION_TYPES, type Promotion, type PromotionType } from '../../lib/api/catalog-types';
import type { Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { errorFor, fieldErrorsOf, type FieldError } from '../../lib/field-errors';
import { catalogKeys, categoriesQuery, flattenCategories } from './catalog-queries';
import { Field, useFieldMessage } from './field';
import { ProductPicker } from './product-picker';
import {
  buildPromotion,
  emptyPromotion,
  ITEM_TYPES,
  stateFromPromotion,
  type PromotionFormState,
} from './promotion-state';

function ProductChip({ id, onRemove }: { id: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const product = useQuery({
    queryKey: ['catalog', 'products', 'one', id, 'name'],
    queryFn: () => productsApi.get(id),
  });
  const name = product.data?.name ?? '…';
  return (
    <span className="chip">
      {name}
      <button
        type="button"
        className="chip__remove"
        aria-label={t('promotions.removeTarget', { name })}
        onClick={onRemove}
      >
        ×
      </button>
    </span>
  );
}

export function PromotionForm({
  store,
  promotion,
  onDone,
}: {
  store: Store;
  promotion: Promotion | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldMessage = useFieldMessage();
  const queryClient = useQueryClient();
  const titleId = useId();
  const categoryPickId = useId();
  const categories = useQuery(categoriesQuery).data;
  const tree = useMemo(() => flattenCategories(categories ?? []), [categories]);
  const [s, setS] = useState<PromotionFormState>(() =>
    promotion ? stateFromPromotion(promotion, store.currency, i18n.language) : emptyPromotion(),
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const set = (patch: Partial<PromotionFormState>) => setS((prev) => ({ ...prev, ...patch }));
  const err = (field: string) => fieldMessage(errorFor(errors, field));
  const save = useMutation({
    mutationFn: async () => {
      const built = buildPromotion(s, store.id, store.currency, promotion);
      if (!built.ok) throw Object.assign(new Error('invalid'), { local: built.errors });
      if (promotion) {
        const { storeId: _storeId, ...patch } = built.body;
        void _storeId;
        return promotionsApi.update(promotion.id, patch);
      }
      return promotionsApi.create(built.body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.promotions(store.id) });
      onDone();
    },
    onError: (error) => setErrors((error as { local?: FieldError[] }).local ?? fieldErrorsOf(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    save.mutate();
  };
  const item = ITEM_TYPES.includes(s.type);
  const money = `(${store.currency})`;
  const general = save.isError && errors.length === 0 ? errorMessage(save.error) : null;

  return (
    <form
      className="card editor-section"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
      data-testid="promotion-form"
    >
      <h2 id={titleId}>
        {promotion ? t('promotions.editTitle', { name: promotion.name }) : t('promotions.newTitle')}
      </h2>
      <div className="form-grid">
        <Field label={t('promotions.name')} error={err('name')}>
          {(p) => (
            <input {...p} value={s.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} />
          )}
        </Field>
        <Field label={t('promotions.type')} error={err('effect.type')}>
          {(p) => (
            <select {...p} value={s.type} onChange={(e) => set({ type: e.target.value as PromotionType })}>
              {PROMOTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`promotions.types.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(s.type === 'percent_off' || s.type === 'cart_percent_off' || s.type === 'buy_x_get_y') && (
          <Field
            label={t(s.type === 'buy_x_get_y' ? 'promotions.freePercent' : 'promotions.percent')}
            hint={s.type === 'buy_x_get_y' ? t('promotions.freePercentHint') : undefined}
            error={err('effect.percentBp')}
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                className="input-money"
                value={s.percent}
                onChange={(e) => set({ percent: e.target.value })}
              />
            )}
          </Field>
        )}
        {s.type === 'n_for_price' && (
          <>
            <Field label={t('promotions.quantity')} error={err('effect.quantity')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={s.quantity}
                  onChange={(e) => set({ quantity: e.target.value })}
                />
              )}
            </Field>
            <Field label={`${t('promotions.forPrice')} ${money}`} error={err('effect.price')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  className="input-money"
                  value={s.price}
                  onChange={(e) => set({ price: e.target.value })}
                />
              )}
            </Field>
          </>
        )}
        {s.type === 'buy_x_get_y' && (
          <>
            <Field label={t('promotions.buy')} error={err('effect.buy')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={s.buy}
                  onChange={(e) => set({ buy: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('promotions.get')} error={err('effect.get')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={s.get}
                  onChange={(e) => set({ get: e.target.value })}
                />
              )}
            </Field>
          </>
        )}
        {s.type === 'cart_amount_off' && (
          <Field label={`${t('promotions.amount')} ${money}`} error={err('effect.amount')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                className="input-money"
                value={s.amount}
                onChange={(e) => set({ amount: e.target.value })}
              />
            )}
          </Field>
        )}
      </div>

      {item && (
        <fieldset className="axes">
          <legend>{t('promotions.target')}</legend>
          <p className="hint">{t('promotions.targetHint')}</p>
          <div className="chip-row">
            {s.productIds.map((id) => (
              <ProductChip
                key={id}
                id={id}
                onRemove={() => set({ productIds: s.productIds.filter((x) => x !== id) })}
              />
            ))}
            {s.categoryIds.map((id) => {
              const name = tree.find((n) => n.category.id === id)?.path ?? id;
              return (
                <span className="chip chip--category" key={id}>
                  {name}
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('promotions.removeTarget', { name })}
                    onClick={() => set({ categoryIds: s.categoryIds.filter((x) => x !== id) })}
                  >
                    ×
                  </button>
                </span>
              );
            })}
          </div>
          <div className="form-grid">
            <ProductPicker
              label={t('promotions.addProduct')}
              exclude={s.productIds}
              onPick={(p) => set({ productIds: [...s.productIds, p.id] })}
            />
            <div>
              <label htmlFor={categoryPickId} className="visually-hidden">
                {t('promotions.addCategory')}
              </label>
              <select
                id={categoryPickId}
                value=""
                onChange={(e) => e.target.value && set({ categoryIds: [...s.categoryIds, e.target.value] })}
              >
                <option value="">{t('promotions.addCategory')}</option>
                {tree
                  .filter((n) => !s.categoryIds.includes(n.category.id))
                  .map((n) => (
                    <option key={n.category.id} value={n.category.id}>
                      {n.path}
                    </option>
                  ))}
              </select>
            </div>
          </div>
          {err('target') && <span className="field-error">{err('target')}</span>}
        </fieldset>
      )}

      <div className="form-grid">
        <Field
          label={t('promotions.coupon')}
          hint={t('promotions.couponHint')}
          error={err('conditions.couponCode')}
        >
          {(p) => (
            <input
              {...p}
              value={s.couponCode}
              maxLength={40}
              spellCheck={false}
              autoCapitalize="characters"
              onChange={(e) => set({ couponCode: e.target.value })}
            />
          )}
        </Field>
        <Field label={`${t('promotions.minBasket')} ${money}`} error={err('conditions.minBasketAmount')}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              className="input-money"
              value={s.minBasket}
              onChange={(e) => set({ minBasket: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('promotions.startsAt')} error={err('startsAt')}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={s.startsAt}
              onChange={(e) => set({ startsAt: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('promotions.endsAt')} error={err('endsAt')}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={s.endsAt}
              onChange={(e) => set({ endsAt: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('promotions.priority')} hint={t('promotions.priorityHint')} error={err('priority')}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={s.priority}
              onChange={(e) => set({ priority: e.target.value })}
            />
          )}
        </Field>
        <div className="field field--check">
          <label>
            <input
              type="checkbox"
              checked={s.exclusive}
              onChange={(e) => set({ exclusive: e.target.checked })}
            />
            {t('promotions.exclusive')}
          </label>
          <span className="hint">{t('promotions.exclusiveHint')}</span>
          <label>
            <input type="checkbox" checked={s.active} onChange={(e) => set({ active: e.target.checked })} />
            {t('promotions.active')}
          </label>
        </div>
      </div>
      {general && (
        <p className="alert alert--error" role="alert">
          {general}
        </p>
      )}
      {errors.length > 0 && (
        <p className="alert alert--error" role="alert">
          {t('products.fixErrors')}
        </p>
      )}
      <div className="button-row section-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {promotion ? t('common.save') : t('promotions.create')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
