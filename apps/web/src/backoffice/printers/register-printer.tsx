import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Register } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { errorFor, fieldErrorsOf } from '../../lib/field-errors';
import { Field } from '../catalog/field';
import { PrinterStatusPanel } from './printer-status';
import {
  CODEPAGES,
  printerKeys,
  printersApi,
  type Codepage,
  type PaperWidth,
  type PrinterConfig,
} from './printers-api';

interface Draft {
  host: string;
  /** As typed; the server decides whether it is a port (so its error is the one shown). */
  port: string;
  width: PaperWidth;
  codepage: Codepage;
  autoPrint: boolean;
}

const draftOf = (p: PrinterConfig | null): Draft => ({
  host: p?.host ?? '',
  port: String(p?.port ?? 9100),
  width: p?.width ?? 80,
  codepage: p?.codepage ?? 'cp858',
  autoPrint: p?.autoPrint ?? true,
});

const sameDraft = (a: Draft, b: Draft) =>
  a.host === b.host &&
  a.port === b.port &&
  a.width === b.width &&
  a.codepage === b.codepage &&
  a.autoPrint === b.autoPrint;

/** One register: its printer's live state and the form that sets the printer. */
export function RegisterPrinter({ register }: { register: Register }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const config = useQuery({
    queryKey: printerKeys.config(register.id),
    queryFn: () => printersApi.config(register.id),
  });
  const headingId = useId();
  return (
    <article className="printer-card" aria-labelledby={headingId} data-testid="printer-card">
      <h3 id={headingId} className="printer-card__title">
        {register.name}
      </h3>
      <PrinterStatusPanel registerId={register.id} registerName={register.name} />
      {config.isPending && <p className="muted">{t('common.loading')}</p>}
      {config.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(config.error)}
        </p>
      )}
      {config.data && <PrinterForm register={register} saved={config.data.printer} />}
    </article>
  );
}

function PrinterForm({ register, saved }: { register: Register; saved: PrinterConfig | null }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [savedNote, setSavedNote] = useState(false);
  const widthName = useId();
  const dirty = !sameDraft(draft, draftOf(saved));

  const save = useMutation({
    mutationFn: () =>
      printersApi.save(register.id, {
        host: draft.host.trim(),
        // Not a whole number → null in JSON → the server's field error for "port".
        port: /^\s*\d+\s*$/.test(draft.port) ? Number(draft.port) : Number.NaN,
        width: draft.width,
        codepage: draft.codepage,
        autoPrint: draft.autoPrint,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(printerKeys.config(register.id), next);
      setDraft(draftOf(next.printer));
      setSavedNote(true);
      // A new address resets the state to "checking"; show that at once rather than on the next poll.
      void queryClient.invalidateQueries({ queryKey: printerKeys.status(register.id) });
    },
  });

  const errors = fieldErrorsOf(save.error);
  const hostError = errorFor(errors, 'host') ? t('receipts.printers.errors.host') : undefined;
  const portError = errorFor(errors, 'port') ? t('receipts.printers.errors.port') : undefined;
  const otherError = save.isError && !hostError && !portError ? errorMessage(save.error) : null;

  function update(patch: Partial<Draft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setSavedNote(false);
    // A field error describes what was sent; once the owner edits, it no longer applies.
    if (save.isError) save.reset();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  return (
    <form
      className="printer-form"
      onSubmit={submit}
      noValidate
      aria-label={t('receipts.printers.formLabel', { register: register.name })}
    >
      <div className="printer-form__grid">
        <Field
          label={t('receipts.printers.host')}
          hint={t('receipts.printers.hostHint')}
          error={hostError}
          className="printer-form__host"
        >
          {(p) => (
            <input
              {...p}
              value={draft.host}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              maxLength={253}
              placeholder="192.168.1.50"
              onChange={(e) => update({ host: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('receipts.printers.port')} error={portError} className="printer-form__port">
          {(p) => (
            <input
              {...p}
              value={draft.port}
              inputMode="numeric"
              autoComplete="off"
              maxLength={5}
              onChange={(e) => update({ port: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="field">
        <span className="field__label" id={`${widthName}-label`}>
          {t('receipts.printers.width')}
        </span>
        <div className="printer-form__choices" role="radiogroup" aria-labelledby={`${widthName}-label`}>
          {([80, 58] as const).map((w) => (
            <label key={w} className="check-line">
              <input
                type="radio"
                name={widthName}
                value={w}
                checked={draft.width === w}
                onChange={() => update({ width: w })}
              />
              {t('receipts.printers.widthMm', { width: w })}
            </label>
          ))}
        </div>
      </div>
      <Field label={t('receipts.printers.codepage')} hint={t('receipts.printers.codepageHint')}>
        {(p) => (
          <select
            {...p}
            value={draft.codepage}
            onChange={(e) => update({ codepage: e.target.value as Codepage })}
          >
            {CODEPAGES.map((c) => (
              <option key={c} value={c}>
                {t(`receipts.printers.codepages.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="check-line printer-form__auto">
        <input
          type="checkbox"
          checked={draft.autoPrint}
          onChange={(e) => update({ autoPrint: e.target.checked })}
        />
        {t('receipts.printers.autoPrint')}
      </label>
      {otherError && (
        <p className="alert alert--error" role="alert">
          {otherError}
        </p>
      )}
      <div className="button-row printer-form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={save.isPending || (!dirty && saved !== null)}
        >
          {t('receipts.printers.save')}
        </button>
        {savedNote && !dirty && (
          <span className="printer-form__saved" role="status">
            {t('receipts.printers.saved')}
          </span>
        )}
        {dirty && saved && <span className="muted">{t('receipts.printers.unsaved')}</span>}
      </div>
    </form>
  );
}
