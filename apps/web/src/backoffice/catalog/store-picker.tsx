import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store } from '../../lib/api/types';

/** Which store's prices are shown; hidden when the user has only one store. */
export function StorePicker({
  stores,
  store,
  onChange,
}: {
  stores: Store[];
  store: Store | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (stores.length < 2 || !store) return null;
  return (
    <div className="filter">
      <label htmlFor={id}>{t('catalog.store')}</label>
      <select id={id} value={store.id} onChange={(e) => onChange(e.target.value)}>
        {stores.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
