import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { storesApi } from '../../lib/api/endpoints';
import type { Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { storesQueryOptions } from '../backoffice-layout';
import { RegisterPrinter } from './register-printer';
import './printers.css';

/** Back office: the network receipt printer of every register, store by store, with its live state. */
export function PrintersPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const stores = useQuery(storesQueryOptions);
  return (
    <>
      <div className="page-header">
        <h1>{t('receipts.printers.title')}</h1>
        <p className="muted">{t('receipts.printers.subtitle')}</p>
      </div>
      {stores.isPending && <p className="muted">{t('common.loading')}</p>}
      {stores.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(stores.error)}
        </p>
      )}
      {stores.data?.items.length === 0 && <p className="card empty-state">{t('receipts.printers.noStores')}</p>}
      {stores.data?.items.map((store) => <StorePrinters key={store.id} store={store} />)}
    </>
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
