import { useTranslation } from 'react-i18next';
import { PerStorePage } from '../per-store-page';
import { StoreSection } from './store-section';

export function DevicesPage() {
  const { t } = useTranslation();
  return (
    <PerStorePage
      title={t('devices.title')}
      subtitle={t('devices.subtitle')}
      noStores={t('devices.noStores')}
      section={(store) => <StoreSection key={store.id} store={store} />}
    />
  );
}
