import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { taxClassesApi } from '../../lib/api/catalog-endpoints';
import type { TaxClass } from '../../lib/api/catalog-types';
import { useErrorMessage } from '../../lib/error-message';
import { fieldErrorsOf } from '../../lib/field-errors';
import { formatBp, minorToInput, parsePercentInput } from '../../lib/money';
import { taxClassesQuery, useCatalogStore } from './catalog-queries';
import { useFieldMessage } from './field';
import { BUILTIN_TAX_CLASSES } from './product-fields';
import { StorePicker } from './store-picker';

export function TaxRatesPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { stores, store, setStoreId } = useCatalogStore();
  const country = store?.address.country;
  const classes = useQuery(taxClassesQuery(country));

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>{t('taxRates.title')}</h1>
          <p className="muted">{t('taxRates.subtitle', { country: country ?? '' })}</p>
        </div>
        <StorePicker stores={stores} store={store} onChange={setStoreId} />
      </div>
      <p className="alert alert--warning">{t('taxRates.warning')}</p>
      {classes.isPending && country && <p className="muted">{t('common.loading')}</p>}
      {classes.isError && <p className="alert alert--error">{errorMessage(classes.error)}</p>}
      {classes.data && (
        <div className="card table-wrap">
          <table className="table" data-testid="tax-table">
            <thead>
              <tr>
                <th scope="col">{t('taxRates.name')}</th>
                <th scope="col">{t('taxRates.code')}</th>
                <th scope="col" className="num">
                  {t('taxRates.rate')}
                </th>
                <th scope="col">{t('taxRates.source')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('devices.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {classes.data.map((c) => (
                <TaxRow key={c.id} taxClass={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TaxRow({ taxClass }: { taxClass: TaxClass }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldMessage = useFieldMessage();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const builtinName = (BUILTIN_TAX_CLASSES as readonly string[]).includes(taxClass.code) && taxClass.builtin;
  const shownName = builtinName
    ? t(`taxClasses.${taxClass.code as (typeof BUILTIN_TAX_CLASSES)[number]}`)
    : taxClass.name;
  const [name, setName] = useState(shownName);
  const [rate, setRate] = useState(
    minorToInput(taxClass.rateBp, 'EUR', i18n.language).replace(/[.,]00$/, ''),
  );
  const [rateError, setRateError] = useState(false);
  const save = useMutation({
    mutationFn: (rateBp: number) =>
      taxClassesApi.upsert({ country: taxClass.country, code: taxClass.code, name: name.trim(), rateBp }),
    onSuccess: async () => {
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ['catalog', 'tax-classes'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePercentInput(rate);
    setRateError(!parsed.ok);
    if (parsed.ok && name.trim()) save.mutate(parsed.value);
  };
  const error = save.error ? (fieldMessage(fieldErrorsOf(save.error)[0]) ?? errorMessage(save.error)) : null;

  return (
    <tr data-testid="tax-row">
      <td>
        {editing ? (
          <form className="inline-form" id={`tax-${taxClass.id}`} onSubmit={submit}>
            <input
              aria-label={t('taxRates.name')}
              value={name}
              maxLength={60}
              onChange={(e) => setName(e.target.value)}
            />
            <input
              className="input-compact input-money"
              aria-label={t('taxRates.ratePercent')}
              inputMode="decimal"
              value={rate}
              aria-invalid={rateError ? true : undefined}
              onChange={(e) => setRate(e.target.value)}
            />
            <span aria-hidden="true">%</span>
            <button type="submit" className="button button--primary button--small" disabled={save.isPending}>
              {t('common.save')}
            </button>
            <button type="button" className="button button--small" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
            {rateError && <span className="field-error">{t('fieldErrors.invalid_percent')}</span>}
            {error && <span className="field-error">{error}</span>}
          </form>
        ) : (
          <strong>{shownName}</strong>
        )}
      </td>
      <td>
        <code>{taxClass.code}</code>
      </td>
      <td className="num">{formatBp(taxClass.rateBp, i18n.language)}</td>
      <td>
        <span className={taxClass.builtin ? 'badge badge--muted' : 'badge badge--ok'}>
          {taxClass.builtin ? t('taxRates.builtin') : t('taxRates.custom')}
        </span>
      </td>
      <td className="actions">
        {!editing && (
          <button
            type="button"
            className="button button--small"
            aria-label={t('taxRates.editNamed', { name: shownName })}
            onClick={() => setEditing(true)}
          >
            {t('taxRates.edit')}
          </button>
        )}
      </td>
    </tr>
  );
}
