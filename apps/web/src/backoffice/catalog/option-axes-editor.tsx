import { useTranslation } from 'react-i18next';

export interface AxisText {
  name: string;
  /** Comma-separated values as typed. */
  values: string;
}

const MAX_AXES = 5; // The server allows at most 5 options per variant.

export function OptionAxesEditor({
  axes,
  onChange,
  onGenerate,
}: {
  axes: AxisText[];
  onChange: (axes: AxisText[]) => void;
  onGenerate: () => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<AxisText>) =>
    onChange(axes.map((a, k) => (k === i ? { ...a, ...patch } : a)));
  const ready = axes.some((a) => a.name.trim() && a.values.split(',').some((v) => v.trim()));
  return (
    <fieldset className="axes">
      <legend>{t('variants.options')}</legend>
      <p className="hint">{t('variants.optionsHint')}</p>
      {axes.map((axis, i) => (
        <div className="axes__row" key={i}>
          <input
            aria-label={t('variants.optionName', { n: i + 1 })}
            placeholder={t('variants.optionNamePlaceholder')}
            value={axis.name}
            maxLength={40}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <input
            className="axes__values"
            aria-label={t('variants.optionValues', { n: i + 1 })}
            placeholder={t('variants.optionValuesPlaceholder')}
            value={axis.values}
            onChange={(e) => set(i, { values: e.target.value })}
          />
          {axes.length > 1 && (
            <button
              type="button"
              className="button button--small"
              aria-label={t('variants.removeOption', { n: i + 1 })}
              onClick={() => onChange(axes.filter((_, k) => k !== i))}
            >
              {t('barcodes.remove')}
            </button>
          )}
        </div>
      ))}
      <div className="button-row">
        {axes.length < MAX_AXES && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onChange([...axes, { name: '', values: '' }])}
          >
            {t('variants.addOption')}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--primary"
          disabled={!ready}
          onClick={onGenerate}
        >
          {t('variants.generate')}
        </button>
      </div>
    </fieldset>
  );
}
