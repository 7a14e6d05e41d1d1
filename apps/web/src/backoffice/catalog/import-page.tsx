import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importApi } from '../../lib/api/catalog-endpoints';
import type { ImportResult } from '../../lib/api/catalog-types';
import { useErrorMessage } from '../../lib/error-message';
import { catalogKeys, useCatalogStore } from './catalog-queries';
import { ImportReport } from './import-report';
import { StorePicker } from './store-picker';

/** The API takes the CSV inside a JSON body limited to 1 MB; leave room for escaping. */
export const MAX_UPLOAD_BYTES = 900 * 1024;
export const CSV_COLUMNS =
  'sku, name, price, tax_class, unit, category, barcodes, cost_price, variant_sku, variant_options, description, status, deposit_sku';

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const { stores, store, setStoreId } = useCatalogStore();
  const fileId = useId();
  const [file, setFile] = useState<{ name: string; size: number; text: string } | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const tooLarge = file !== null && file.size > MAX_UPLOAD_BYTES;
  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, {
      style: 'unit',
      unit: 'kilobyte',
      maximumFractionDigits: 0,
    }).format(Math.max(1, Math.round(bytes / 1024)));

  const run = useMutation({
    mutationFn: (dryRun: boolean) =>
      importApi.run(store!.id, file!.text, { dryRun, skipInvalid: dryRun ? false : skipInvalid }),
    onSuccess: async (report) => {
      if (report.dryRun) setCheck(report);
      else {
        setResult(report);
        await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      }
    },
  });
  const download = useMutation({
    mutationFn: () => importApi.export(store!.id),
    onSuccess: ({ blob, filename }) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename ?? 'opentill-products.csv';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });

  const pick = async (list: FileList | null) => {
    const chosen = list?.[0];
    setCheck(null);
    setResult(null);
    run.reset();
    if (!chosen) return setFile(null);
    setFile({
      name: chosen.name,
      size: chosen.size,
      text: chosen.size > MAX_UPLOAD_BYTES ? '' : await chosen.text(),
    });
  };
  const canImport = check !== null && check.total > 0 && (check.invalid === 0 || skipInvalid) && !result;

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>{t('import.title')}</h1>
          <p className="muted">{t('import.subtitle')}</p>
        </div>
        <StorePicker stores={stores} store={store} onChange={setStoreId} />
      </div>

      <section className="card editor-section" aria-labelledby="import-step1">
        <h2 id="import-step1">{t('import.step1')}</h2>
        <p className="small">
          {t('import.columns')} <code className="columns">{CSV_COLUMNS}</code>
        </p>
        <p className="hint">{t('import.columnsHint')}</p>
        <div className="field">
          <label htmlFor={fileId}>{t('import.file')}</label>
          <input id={fileId} type="file" accept=".csv,text/csv" onChange={(e) => void pick(e.target.files)} />
          <span className="hint">{t('import.limit')}</span>
        </div>
        {file && (
          <p className="muted small" data-testid="import-file">
            {t('import.chosen', { name: file.name, size: size(file.size) })}
          </p>
        )}
        {tooLarge && (
          <p className="alert alert--warning" role="alert">
            {t('import.tooLarge')}{' '}
            <code>
              opentill catalog import {file.name} --store {store?.id ?? 'STORE_ID'} --dry-run
            </code>
          </p>
        )}
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            disabled={!file || tooLarge || !store || run.isPending}
            onClick={() => {
              setResult(null);
              run.mutate(true);
            }}
          >
            {run.isPending && run.variables ? t('import.checking') : t('import.dryRun')}
          </button>
        </div>
        {run.isError && (
          <p className="alert alert--error" role="alert">
            {errorMessage(run.error)}
          </p>
        )}
      </section>

      {check && (
        <section className="card editor-section" aria-labelledby="import-step2" data-testid="import-check">
          <h2 id="import-step2">{t('import.step2')}</h2>
          <ImportReport report={check} />
          {!result && (
            <>
              {check.invalid > 0 && (
                <label className="check-line">
                  <input
                    type="checkbox"
                    checked={skipInvalid}
                    onChange={(e) => setSkipInvalid(e.target.checked)}
                  />
                  {t('import.skipInvalid')}
                </label>
              )}
              <div className="button-row section-actions">
                <button
                  type="button"
                  className="button button--primary"
                  disabled={!canImport || run.isPending}
                  onClick={() => run.mutate(false)}
                >
                  {check.invalid > 0 && skipInvalid
                    ? t('import.importValid', { count: check.valid })
                    : t('import.importAll', { count: check.total })}
                </button>
              </div>
              {check.invalid > 0 && !skipInvalid && <p className="hint">{t('import.fixOrSkip')}</p>}
            </>
          )}
        </section>
      )}

      {result && (
        <section className="card editor-section" aria-labelledby="import-step3" data-testid="import-result">
          <h2 id="import-step3">{t('import.step3')}</h2>
          <p className="alert alert--success" role="status">
            {t('import.done', { count: result.imported })}
            {result.created !== undefined &&
              result.updated !== undefined &&
              ` ${t('import.createdUpdated', { created: result.created, updated: result.updated })}`}
          </p>
          {result.invalid > 0 && <p className="muted">{t('import.skipped', { count: result.invalid })}</p>}
        </section>
      )}

      <section className="card editor-section" aria-labelledby="export-title">
        <h2 id="export-title">{t('import.exportTitle')}</h2>
        <p className="muted small">{t('import.exportText', { store: store?.name ?? '' })}</p>
        <button
          type="button"
          className="button"
          disabled={!store || download.isPending}
          onClick={() => download.mutate()}
        >
          {t('import.export')}
        </button>
        {download.isError && (
          <p className="alert alert--error" role="alert">
            {errorMessage(download.error)}
          </p>
        )}
      </section>
    </>
  );
}
