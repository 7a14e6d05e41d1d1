import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/error-message';
import { storesQueryOptions } from '../backoffice-layout';
import { StoreSection } from './store-section';

export function DevicesPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const stores = useQuery(storesQueryOptions);
  return (
    <>
      <div className="page-header">
        <h1>{t('devices.title')}</h1>
        <p className="muted">{t('devices.subtitle')}</p>
      </div>
      {stores.isPending && <p className="muted">{t('common.loading')}</p>}
      {stores.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(stores.error)}
        </p>
      )}
      {stores.data?.items.length === 0 && <p className="card empty-state">{t('devices.noStores')}</p>}
      {stores.data?.items.map((store) => <StoreSection key={store.id} store={store} />)}
    </>
  );
}
