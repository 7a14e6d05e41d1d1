import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store } from '../lib/api/types';
import { useErrorMessage } from '../lib/error-message';
import { storesQueryOptions } from './backoffice-layout';

/** A back-office page with one section per store the user can see (devices, printers, …). */
export function PerStorePage({
  title,
  subtitle,
  noStores,
  section,
}: {
  title: string;
  subtitle: string;
  noStores: string;
  section: (store: Store) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const stores = useQuery(storesQueryOptions);
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
      </div>
      {stores.isPending && <p className="muted">{t('common.loading')}</p>}
      {stores.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(stores.error)}
        </p>
      )}
      {stores.data?.items.length === 0 && <p className="card empty-state">{noStores}</p>}
      {stores.data?.items.map((store) => section(store))}
    </>
  );
}
