import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { categoriesApi } from '../../lib/api/catalog-endpoints';
import { useErrorMessage } from '../../lib/error-message';
import { catalogKeys, categoriesQuery, flattenCategories } from './catalog-queries';
import { CategoryRow } from './category-row';

export function CategoriesPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const categories = useQuery(categoriesQuery);
  const tree = useMemo(() => flattenCategories(categories.data ?? []), [categories.data]);
  const ids = { name: useId(), parent: useId() };
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [missingName, setMissingName] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: catalogKeys.categories });
  const create = useMutation({
    mutationFn: () => categoriesApi.create({ name: name.trim(), parentId: parentId || null }),
    onSuccess: async () => {
      setName('');
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingName(!name.trim());
    if (name.trim()) create.mutate();
  };

  return (
    <>
      <div className="page-header">
        <h1>{t('categories.title')}</h1>
        <p className="muted">{t('categories.subtitle')}</p>
      </div>

      <form className="card toolbar" onSubmit={submit} noValidate aria-label={t('categories.add')}>
        <div className="filter filter--grow">
          <label htmlFor={ids.name}>{t('categories.newName')}</label>
          <input
            id={ids.name}
            value={name}
            maxLength={120}
            aria-invalid={missingName ? true : undefined}
            aria-describedby={missingName ? `${ids.name}-err` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {missingName && (
            <span className="field-error" id={`${ids.name}-err`} role="alert">
              {t('fieldErrors.required')}
            </span>
          )}
        </div>
        <div className="filter">
          <label htmlFor={ids.parent}>{t('categories.parent')}</label>
          <select id={ids.parent} value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t('categories.topLevel')}</option>
            {tree.map((n) => (
              <option key={n.category.id} value={n.category.id}>
                {n.path}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('categories.add')}
        </button>
      </form>
      {create.isError && <p className="alert alert--error">{errorMessage(create.error)}</p>}

      {categories.isPending && <p className="muted">{t('common.loading')}</p>}
      {categories.isError && <p className="alert alert--error">{errorMessage(categories.error)}</p>}
      {categories.isSuccess && tree.length === 0 && (
        <p className="card empty-state">{t('categories.empty')}</p>
      )}
      {tree.length > 0 && (
        <div className="card table-wrap">
          <table className="table" data-testid="category-tree">
            <thead>
              <tr>
                <th scope="col">{t('categories.name')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('devices.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tree.map((node) => (
                <CategoryRow
                  key={node.category.id}
                  node={node}
                  all={categories.data ?? []}
                  tree={tree}
                  onChanged={() => void refresh()}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
