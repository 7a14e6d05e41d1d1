import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { productsApi } from '../../lib/api/catalog-endpoints';
import type { Product } from '../../lib/api/catalog-types';
import { useDebounced } from '../../lib/use-debounced';
import { catalogKeys } from './catalog-queries';

interface ProductPickerProps {
  label: string;
  /** Products not to offer (e.g. the product being edited). */
  exclude?: readonly string[];
  onPick: (product: Product) => void;
}

/** A search box that offers up to 8 matching active products to pick from. */
export function ProductPicker({ label, exclude = [], onPick }: ProductPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const results = useQuery({
    queryKey: [...catalogKeys.products, 'picker', q],
    queryFn: ({ signal }) => productsApi.search({ q, limit: 8, status: 'active' }, signal),
    enabled: q.length > 0,
  });
  const items = (results.data?.items ?? []).filter((p) => !exclude.includes(p.id));
  return (
    <div className="picker">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={label}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
      />
      {q && text.trim() && results.isSuccess && (
        <ul className="picker__results" aria-label={t('picker.results')}>
          {items.length === 0 && <li className="muted small">{t('picker.none')}</li>}
          {items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="picker__option"
                onClick={() => {
                  onPick(p);
                  setText('');
                }}
              >
                <span>{p.name}</span> <code className="muted">{p.sku}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
