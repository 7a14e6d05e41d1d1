import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { categoriesApi } from '../../lib/api/catalog-endpoints';
import type { Category } from '../../lib/api/catalog-types';
import { useErrorMessage } from '../../lib/error-message';
import { fieldErrorsOf } from '../../lib/field-errors';
import { subtreeIds, type CategoryNode } from './catalog-queries';
import { useFieldMessage } from './field';

type Mode = 'view' | 'rename' | 'move';

export function CategoryRow({
  node,
  all,
  tree,
  onChanged,
}: {
  node: CategoryNode;
  all: Category[];
  tree: CategoryNode[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const fieldMessage = useFieldMessage();
  const inputId = useId();
  const { category, depth } = node;
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(category.name);
  const [parentId, setParentId] = useState(category.parentId ?? '');
  const done = () => {
    setMode('view');
    onChanged();
  };
  const update = useMutation({
    mutationFn: (body: { name?: string; parentId?: string | null }) =>
      categoriesApi.update(category.id, body),
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: () => categoriesApi.remove(category.id), onSuccess: onChanged });
  const error = update.error ?? remove.error;
  const message = error ? (fieldMessage(fieldErrorsOf(error)[0]) ?? errorMessage(error)) : null;
  // Not below itself or its own subcategories.
  const blocked = subtreeIds(all, category.id);

  const onRename = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) update.mutate({ name: name.trim() });
  };
  const onMove = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ parentId: parentId || null });
  };

  return (
    <tr data-testid="category-row">
      <td>
        <div className={`tree-name tree-depth-${Math.min(depth, 5)}`}>
          {depth > 0 && <span className="tree-branch" aria-hidden="true" />}
          {mode === 'rename' ? (
            <form className="inline-form" onSubmit={onRename}>
              <label htmlFor={inputId} className="visually-hidden">
                {t('categories.newNameFor', { name: category.name })}
              </label>
              <input
                id={inputId}
                value={name}
                maxLength={120}
                autoFocus
                onChange={(e) => setName(e.target.value)}
              />
              <button
                type="submit"
                className="button button--primary button--small"
                disabled={update.isPending}
              >
                {t('common.save')}
              </button>
              <button type="button" className="button button--small" onClick={() => setMode('view')}>
                {t('common.cancel')}
              </button>
            </form>
          ) : mode === 'move' ? (
            <form className="inline-form" onSubmit={onMove}>
              <strong>{category.name}</strong>
              <label htmlFor={inputId} className="visually-hidden">
                {t('categories.moveTo', { name: category.name })}
              </label>
              <select id={inputId} value={parentId} autoFocus onChange={(e) => setParentId(e.target.value)}>
                <option value="">{t('categories.topLevel')}</option>
                {tree
                  .filter((n) => !blocked.has(n.category.id))
                  .map((n) => (
                    <option key={n.category.id} value={n.category.id}>
                      {n.path}
                    </option>
                  ))}
              </select>
              <button
                type="submit"
                className="button button--primary button--small"
                disabled={update.isPending}
              >
                {t('categories.move')}
              </button>
              <button type="button" className="button button--small" onClick={() => setMode('view')}>
                {t('common.cancel')}
              </button>
            </form>
          ) : (
            <strong>{category.name}</strong>
          )}
        </div>
        {message && (
          <span className="field-error" role="alert">
            {message}
          </span>
        )}
      </td>
      <td className="actions">
        {mode === 'view' && (
          <>
            <button
              type="button"
              className="button button--small"
              aria-label={t('categories.renameNamed', { name: category.name })}
              onClick={() => {
                setName(category.name);
                setMode('rename');
              }}
            >
              {t('devices.rename')}
            </button>
            <button
              type="button"
              className="button button--small"
              aria-label={t('categories.moveNamed', { name: category.name })}
              onClick={() => {
                setParentId(category.parentId ?? '');
                setMode('move');
              }}
            >
              {t('categories.move')}
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              aria-label={t('categories.deleteNamed', { name: category.name })}
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {t('categories.delete')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
