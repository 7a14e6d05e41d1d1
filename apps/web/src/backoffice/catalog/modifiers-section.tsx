import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { modifierGroupsApi } from '../../lib/api/catalog-endpoints';
import type { Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { errorFor, fieldErrorsOf, type FieldError } from '../../lib/field-errors';
import { formatMinor, parseMoneyInput } from '../../lib/money';
import { catalogKeys, modifierGroupsQuery } from './catalog-queries';
import { Field, useFieldMessage } from './field';

interface ModifiersSectionProps {
  store: Store;
  selected: string[];
  onChange: (ids: string[]) => void;
}

/** Links modifier groups ("Milk: oat +0.50") to the product; new groups can be made here. */
export function ModifiersSection({ store, selected, onChange }: ModifiersSectionProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const groups = useQuery(modifierGroupsQuery);
  const [creating, setCreating] = useState(false);
  const delta = (amount: number) => {
    const text = formatMinor(Math.abs(amount), store.currency, i18n.language);
    return amount < 0 ? `−${text}` : `+${text}`;
  };

  return (
    <section className="card editor-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('modifiers.title')}</h2>
      <p className="muted small">{t('modifiers.subtitle')}</p>
      {groups.data?.length === 0 && <p className="muted">{t('modifiers.none')}</p>}
      <ul className="check-list">
        {groups.data?.map((g) => (
          <li key={g.id}>
            <label>
              <input
                type="checkbox"
                checked={selected.includes(g.id)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...selected, g.id] : selected.filter((id) => id !== g.id))
                }
              />
              <span>
                <strong>{g.name}</strong>{' '}
                <span className="muted small">
                  {t('modifiers.choose', { min: g.minSelect, max: g.maxSelect })} ·{' '}
                  {g.options
                    .map((o) => (o.priceDelta ? `${o.name} ${delta(o.priceDelta)}` : o.name))
                    .join(', ')}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {creating ? (
        <NewGroupForm
          currency={store.currency}
          onDone={(id) => {
            setCreating(false);
            if (id) onChange([...selected, id]);
          }}
        />
      ) : (
        <button type="button" className="button button--small" onClick={() => setCreating(true)}>
          {t('modifiers.new')}
        </button>
      )}
    </section>
  );
}

interface OptionText {
  name: string;
  delta: string;
}

function NewGroupForm({ currency, onDone }: { currency: string; onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldMessage = useFieldMessage();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [min, setMin] = useState('0');
  const [max, setMax] = useState('1');
  const [options, setOptions] = useState<OptionText[]>([{ name: '', delta: '' }]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const create = useMutation({
    mutationFn: modifierGroupsApi.create,
    onSuccess: async (group) => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.modifierGroups });
      onDone(group.id);
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!name.trim()) found.push({ field: 'name', code: 'required' });
    const parsed = options.map((o, i) => {
      if (!o.name.trim()) found.push({ field: `options.${i}.name`, code: 'required' });
      const d = o.delta.trim()
        ? parseMoneyInput(o.delta, currency, { allowNegative: true })
        : { ok: true as const, value: 0 };
      if (!d.ok) found.push({ field: `options.${i}.priceDelta`, code: d.error });
      return { name: o.name.trim(), priceDelta: d.ok ? d.value : 0 };
    });
    setErrors(found);
    if (found.length === 0)
      create.mutate({ name: name.trim(), minSelect: Number(min), maxSelect: Number(max), options: parsed });
  };
  const err = (field: string) => fieldMessage(errorFor(errors, field));
  const setOption = (i: number, patch: Partial<OptionText>) =>
    setOptions(options.map((o, k) => (k === i ? { ...o, ...patch } : o)));

  return (
    <form className="subform" onSubmit={submit} noValidate aria-label={t('modifiers.new')}>
      <div className="form-grid form-grid--3">
        <Field label={t('modifiers.groupName')} error={err('name')}>
          {(p) => (
            <input
              {...p}
              value={name}
              maxLength={80}
              placeholder={t('modifiers.groupNamePlaceholder')}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('modifiers.min')} error={err('minSelect')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={20}
              value={min}
              onChange={(e) => setMin(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('modifiers.max')} error={err('maxSelect')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={20}
              value={max}
              onChange={(e) => setMax(e.target.value)}
            />
          )}
        </Field>
      </div>
      {options.map((o, i) => (
        <div className="axes__row" key={i}>
          <div>
            <input
              aria-label={t('modifiers.optionName', { n: i + 1 })}
              placeholder={t('modifiers.optionName', { n: i + 1 })}
              value={o.name}
              maxLength={80}
              onChange={(e) => setOption(i, { name: e.target.value })}
            />
            {err(`options.${i}.name`) && <span className="field-error">{err(`options.${i}.name`)}</span>}
          </div>
          <div>
            <input
              className="input-money"
              aria-label={t('modifiers.optionDelta', { n: i + 1 })}
              placeholder={t('modifiers.deltaPlaceholder')}
              inputMode="decimal"
              value={o.delta}
              onChange={(e) => setOption(i, { delta: e.target.value })}
            />
            {err(`options.${i}.priceDelta`) && (
              <span className="field-error">{err(`options.${i}.priceDelta`)}</span>
            )}
          </div>
          {options.length > 1 && (
            <button
              type="button"
              className="button button--small"
              onClick={() => setOptions(options.filter((_, k) => k !== i))}
            >
              {t('barcodes.remove')}
            </button>
          )}
        </div>
      ))}
      {create.isError && errors.length === 0 && (
        <p className="alert alert--error">{errorMessage(create.error)}</p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--small"
          onClick={() => setOptions([...options, { name: '', delta: '' }])}
        >
          {t('modifiers.addOption')}
        </button>
        <span className="spacer" />
        <button type="button" className="button button--small" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--small button--primary" disabled={create.isPending}>
          {t('modifiers.create')}
        </button>
      </div>
    </form>
  );
}
