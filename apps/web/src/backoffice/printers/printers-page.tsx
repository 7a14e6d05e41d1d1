import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { storesApi } from '../../lib/api/endpoints';
import type { Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { PerStorePage } from '../per-store-page';
import { RegisterPrinter } from './register-printer';
import './printers.css';

/** Back office: the network receipt printer of every register, store by store, with its live state. */
export function PrintersPage() {
  const { t } = useTranslation();
  return (
    <PerStorePage
      title={t('receipts.printers.title')}
      subtitle={t('receipts.printers.subtitle')}
      noStores={t('receipts.printers.noStores')}
      section={(store) => <StorePrinters key={store.id} store={store} />}
    />
  );
}

function StorePrinters({ store }: { store: Store }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const registers = useQuery({ queryKey: ['registers', store.id], queryFn: () => storesApi.registers(store.id) });
  const headingId = `printers-store-${store.id}`;
  return (
    <section className="card store-section" aria-labelledby={headingId}>
      <header className="store-section__header">
        <h2 id={headingId}>{store.name}</h2>
        {store.address?.city && <span className="muted">{store.address.city}</span>}
      </header>
      {registers.isPending && <p className="muted">{t('common.loading')}</p>}
      {registers.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(registers.error)}
        </p>
      )}
      {registers.data?.items.length === 0 && <p className="muted">{t('receipts.printers.noRegisters')}</p>}
      <ul className="printer-list">
        {registers.data?.items.map((register) => (
          <li key={register.id}>
            <RegisterPrinter register={register} />
          </li>
        ))}
      </ul>
    </section>
  );
}
