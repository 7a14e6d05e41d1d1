import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { productsApi } from '../../lib/api/catalog-endpoints';
import type { Product } from '../../lib/api/catalog-types';
import type { Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { fieldErrorsOf, type FieldError } from '../../lib/field-errors';
import { BarcodesSection } from './barcodes-section';
import {
  catalogKeys,
  categoriesQuery,
  flattenCategories,
  taxClassesQuery,
  useCatalogStore,
} from './catalog-queries';
import { ModifiersSection } from './modifiers-section';
import {
  createBody,
  draftFromProduct,
  emptyDraft,
  patchBody,
  priceChanges,
  validateDraft,
  type ProductDraft,
} from './product-draft';
import { ProductFields } from './product-fields';
import { StorePicker } from './store-picker';
import { VariantsSection } from './variants-section';

export function ProductEditorPage() {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const { productId } = useParams({ strict: false }) as { productId?: string };
  const { stores, store, setStoreId } = useCatalogStore();
  const product = useQuery({
    queryKey: catalogKeys.product(productId ?? '', store?.id),
    queryFn: () => productsApi.get(productId!, store!.id),
    enabled: Boolean(productId && store),
  });
  const loading = !store || (productId !== undefined && product.isPending);

  return (
    <>
      <p className="back-link">
        <Link to="/backoffice/products">← {t('products.backToList')}</Link>
      </p>
      {product.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(product.error)}
        </p>
      )}
      {loading && !product.isError && <p className="muted">{t('common.loading')}</p>}
      {!loading && store && (
        <Editor
          // A different product, store or language (number format) starts a fresh form.
          key={`${productId ?? 'new'}:${store.id}:${i18n.language}`}
          product={product.data ?? null}
          store={store}
          storePicker={<StorePicker stores={stores} store={store} onChange={setStoreId} />}
        />
      )}
    </>
  );
}

function Editor({
  product,
  store,
  storePicker,
}: {
  product: Product | null;
  store: Store;
  storePicker: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const country = store.address.country;
  const taxClasses = useQuery(taxClassesQuery(country)).data ?? [];
  const categories = useQuery(categoriesQuery).data;
  const tree = useMemo(() => flattenCategories(categories ?? []), [categories]);
  const initial = () =>
    product ? draftFromProduct(product, store.id, store.currency, i18n.language) : emptyDraft('standard');
  const [baseline, setBaseline] = useState<ProductDraft>(initial);
  const [draft, setDraft] = useState<ProductDraft>(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const change = (patch: Partial<ProductDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(null);
  };

  // Variants added since the form opened bring their store price with them.
  useEffect(() => {
    if (!product) return;
    const fresh = draftFromProduct(product, store.id, store.currency, i18n.language);
    const missing = Object.keys(fresh.variantPrices).filter((id) => !(id in baseline.variantPrices));
    if (missing.length === 0) return;
    const add = (d: ProductDraft) => ({
      ...d,
      variantPrices: {
        ...Object.fromEntries(missing.map((id) => [id, fresh.variantPrices[id]!])),
        ...d.variantPrices,
      },
    });
    setBaseline(add);
    setDraft(add);
  }, [product, baseline.variantPrices, store, i18n.language]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: catalogKeys.products });
  const patch = product ? patchBody(baseline, draft, store.currency) : null;
  const prices = product ? priceChanges(baseline, draft, store.currency) : [];
  const dirty = !product || patch !== null || prices.length > 0;

  const save = useMutation({
    mutationFn: async (): Promise<Product> => {
      if (!product) return productsApi.create(createBody(draft, store.id, store.currency));
      if (patch) await productsApi.update(product.id, patch);
      for (const p of prices) {
        try {
          await productsApi.setPrice(product.id, { storeId: store.id, ...p });
        } catch (error) {
          throw Object.assign(error as object, { priceOf: p.variantId });
        }
      }
      return productsApi.get(product.id, store.id);
    },
    onSuccess: async (result) => {
      setErrors([]);
      await refresh();
      if (!product) {
        void navigate({ to: '/backoffice/products/$productId', params: { productId: result.id } });
        return;
      }
      queryClient.setQueryData(catalogKeys.product(result.id, store.id), result);
      const next = draftFromProduct(result, store.id, store.currency, i18n.language);
      setBaseline(next);
      setDraft(next);
      setSaved(t('products.saved'));
    },
    onError: (error) => {
      const priceOf = (error as { priceOf?: string | null }).priceOf;
      const fields = fieldErrorsOf(error).map((e) =>
        priceOf !== undefined && e.field === 'price'
          ? { ...e, field: priceOf ? `variantPrices.${priceOf}` : 'prices.0.price' }
          : e,
      );
      setErrors(fields);
    },
  });
  const archive = useMutation({
    mutationFn: () =>
      product!.status === 'active' ? productsApi.archive(product!.id) : productsApi.restore(product!.id),
    onSuccess: async (result) => {
      queryClient.setQueryData(catalogKeys.product(result.id, store.id), result);
      await refresh();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateDraft(draft, store.currency, !product);
    setErrors(found);
    setSaved(null);
    if (found.length === 0) save.mutate();
  };
  const archived = product?.status === 'archived';
  const generalError = save.isError && errors.length === 0 ? errorMessage(save.error) : null;

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>{product ? product.name : t('products.newTitle')}</h1>
          {product && (
            <p className="muted">
              <code>{product.sku}</code>{' '}
              <span className={archived ? 'badge badge--muted' : 'badge badge--ok'}>
                {archived ? t('products.statusArchivedOne') : t('products.statusActiveOne')}
              </span>
            </p>
          )}
        </div>
        <div className="button-row">
          {storePicker}
          {product && (
            <button
              type="button"
              className={archived ? 'button' : 'button button--danger'}
              disabled={archive.isPending}
              onClick={() => archive.mutate()}
            >
              {archived ? t('products.restore') : t('products.archiveProduct')}
            </button>
          )}
        </div>
      </div>
      {archive.isError && <p className="alert alert--error">{errorMessage(archive.error)}</p>}
      {archived && <p className="alert alert--warning">{t('products.archivedNotice')}</p>}

      {/* An archived product is read-only until restored (the server refuses changes to it). */}
      <fieldset className="plain-fieldset" disabled={archived}>
        <form
          id="product-form"
          className="card editor-section"
          onSubmit={submit}
          noValidate
          aria-label={t('products.details')}
        >
          <h2>{t('products.details')}</h2>
          <ProductFields
            productId={product?.id ?? null}
            draft={draft}
            onChange={change}
            errors={errors}
            store={store}
            taxClasses={taxClasses}
            categories={tree}
          />
        </form>
        <ModifiersSection
          store={store}
          selected={draft.modifierGroupIds}
          onChange={(ids) => change({ modifierGroupIds: ids })}
        />
        <BarcodesSection
          product={product}
          onChanged={() => void refresh()}
          pending={draft.barcodes}
          onPendingChange={(codes) => change({ barcodes: codes })}
          errors={errors}
        />
        <VariantsSection
          product={product}
          store={store}
          baseSku={draft.sku}
          drafts={draft.variants}
          onDraftsChange={(variants) => change({ variants })}
          variantPrices={draft.variantPrices}
          onVariantPriceChange={(id, text) =>
            change({ variantPrices: { ...draft.variantPrices, [id]: text } })
          }
          errors={errors}
          onChanged={() => void refresh()}
        />
      </fieldset>

      <div className="editor-actions" role="region" aria-label={t('products.saveBar')}>
        <div className="editor-actions__status" aria-live="polite">
          {generalError && <span className="alert alert--error">{generalError}</span>}
          {!generalError && errors.length > 0 && (
            <span className="alert alert--error">{t('products.fixErrors')}</span>
          )}
          {saved && errors.length === 0 && <span className="alert alert--success">{saved}</span>}
          {!saved && errors.length === 0 && !generalError && product && dirty && (
            <span className="muted">{t('products.unsaved')}</span>
          )}
        </div>
        <button
          type="submit"
          form="product-form"
          className="button button--primary"
          disabled={save.isPending || archived || !dirty}
        >
          {save.isPending ? t('products.saving') : product ? t('common.save') : t('products.create')}
        </button>
      </div>
    </>
  );
}
