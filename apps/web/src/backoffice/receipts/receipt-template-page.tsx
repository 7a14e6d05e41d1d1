import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/error-message';
import { useCatalogStore } from '../catalog/catalog-queries';
import { StorePicker } from '../catalog/store-picker';
import { EscPosPreview } from './receipt-preview';
import { receiptKeys, receiptsApi, type ReceiptLanguage, type ReceiptTemplate } from './receipts-api';
import './receipts.css';

type Draft = Pick<ReceiptTemplate, 'header' | 'footer' | 'logoPng' | 'language'>;
type Tab = '58' | '80' | 'html';

const MAX_LOGO_BYTES = 256 * 1024;

/** Reads a picked file as base64 (no data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Back office: the store's receipt header, footer, logo and language, with 58/80 mm and email previews. */
export function ReceiptTemplatePage() {
  const { t } = useTranslation();
  const { stores, store, setStoreId } = useCatalogStore();
  const storeId = store?.id;
  const template = useQuery({ queryKey: receiptKeys.template(storeId ?? ''), queryFn: () => receiptsApi.template(storeId!), enabled: Boolean(storeId) });

  return (
    <>
      <div className="page-header page-header--actions">
        <div>
          <h1>{t('receipts.template.title')}</h1>
          <p className="muted">{t('receipts.template.subtitle')}</p>
        </div>
        <StorePicker stores={stores} store={store} onChange={setStoreId} />
      </div>
      {storeId && template.data && <TemplateEditor key={storeId} storeId={storeId} saved={template.data} />}
      {template.isPending && storeId && <p className="muted">{t('common.loading')}</p>}
    </>
  );
}

function TemplateEditor({ storeId, saved }: { storeId: string; saved: ReceiptTemplate }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const ids = { header: useId(), footer: useId(), language: useId(), logo: useId() };
  const [draft, setDraft] = useState<Draft>({ header: saved.header, footer: saved.footer, logoPng: saved.logoPng, language: saved.language });
  const [logoError, setLogoError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('80');
  const [savedNote, setSavedNote] = useState(false);
  const dirty = draft.header !== saved.header || draft.footer !== saved.footer || draft.logoPng !== saved.logoPng || draft.language !== saved.language;
  const version = saved.updatedAt ?? 'default';

  const save = useMutation({
    mutationFn: () => receiptsApi.save(storeId, draft),
    onSuccess: (next) => {
      queryClient.setQueryData(receiptKeys.template(storeId), next);
      setSavedNote(true);
    },
  });
  useEffect(() => {
    if (dirty) setSavedNote(false);
  }, [dirty]);

  async function pickLogo(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    setLogoError(null);
    if (!file) return;
    if (file.type !== 'image/png') return setLogoError(t('receipts.template.logoNotPng'));
    if (file.size > MAX_LOGO_BYTES) return setLogoError(t('receipts.template.logoTooLarge', { kb: MAX_LOGO_BYTES / 1024 }));
    const logoPng = await readBase64(file);
    setDraft((d) => ({ ...d, logoPng }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  const tabs: { id: Tab; label: string }[] = [
    { id: '58', label: t('receipts.template.tab58') },
    { id: '80', label: t('receipts.template.tab80') },
    { id: 'html', label: t('receipts.template.tabEmail') },
  ];

  return (
    <div className="receipt-template">
      <form className="card receipt-template__form" onSubmit={submit} aria-label={t('receipts.template.formLabel')}>
        <div className="field">
          <label htmlFor={ids.header}>{t('receipts.template.header')}</label>
          <textarea id={ids.header} rows={3} maxLength={1000} value={draft.header} onChange={(e) => setDraft({ ...draft, header: e.target.value })} />
          <small className="muted">{t('receipts.template.headerHint')}</small>
        </div>
        <div className="field">
          <label htmlFor={ids.footer}>{t('receipts.template.footer')}</label>
          <textarea id={ids.footer} rows={3} maxLength={1000} value={draft.footer} onChange={(e) => setDraft({ ...draft, footer: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.language}>{t('receipts.template.language')}</label>
          <select id={ids.language} value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value as ReceiptLanguage })}>
            <option value="de">{t('receipts.template.languageDe')}</option>
            <option value="en">{t('receipts.template.languageEn')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.logo}>{t('receipts.template.logo')}</label>
          {draft.logoPng && <img className="receipt-template__logo" alt="" src={`data:image/png;base64,${draft.logoPng}`} />}
          <input id={ids.logo} type="file" accept="image/png" onChange={(e) => void pickLogo(e)} />
          <small className="muted">{t('receipts.template.logoHint')}</small>
          {logoError && <p className="field-error">{logoError}</p>}
          {draft.logoPng && (
            <button type="button" className="button button--small" onClick={() => setDraft({ ...draft, logoPng: null })}>
              {t('receipts.template.removeLogo')}
            </button>
          )}
        </div>
        {save.isError && <p className="alert alert--error">{errorMessage(save.error)}</p>}
        {savedNote && !dirty && <p className="alert alert--success">{t('receipts.template.saved')}</p>}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={!dirty || save.isPending}>
            {t('receipts.template.save')}
          </button>
          {dirty && <span className="muted">{t('receipts.template.unsaved')}</span>}
        </div>
      </form>

      <section className="card receipt-template__preview" aria-label={t('receipts.template.preview')}>
        <div className="receipt-tabs" role="tablist">
          {tabs.map((x) => (
            <button key={x.id} type="button" role="tab" aria-selected={tab === x.id} className={tab === x.id ? 'receipt-tabs__tab is-active' : 'receipt-tabs__tab'} onClick={() => setTab(x.id)}>
              {x.label}
            </button>
          ))}
        </div>
        <p className="muted small">{dirty ? t('receipts.template.previewSaved') : t('receipts.template.previewHint')}</p>
        {tab === 'html' ? (
          <iframe key={version} className="receipt-template__email" title={t('receipts.template.tabEmail')} src={receiptsApi.htmlUrl(storeId)} sandbox="" />
        ) : (
          <EscPosPreview storeId={storeId} width={tab === '58' ? 58 : 80} logoPng={saved.logoPng} version={version} />
        )}
      </section>
    </div>
  );
}
