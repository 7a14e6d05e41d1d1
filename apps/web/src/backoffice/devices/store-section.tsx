import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { devicesApi, storesApi } from '../../lib/api/endpoints';
import type { Register, Store } from '../../lib/api/types';
import { useErrorMessage } from '../../lib/error-message';
import { DeviceTable } from './device-table';
import { PairingDialog } from './pairing-dialog';

export const devicesQueryKey = (storeId: string) => ['devices', storeId] as const;

export function StoreSection({ store }: { store: Store }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [pairing, setPairing] = useState<Register | null>(null);
  const registers = useQuery({
    queryKey: ['registers', store.id],
    queryFn: () => storesApi.registers(store.id),
  });
  const devices = useQuery({
    queryKey: devicesQueryKey(store.id),
    queryFn: () => devicesApi.list(store.id),
    // While a pairing code is on screen, watch for the device showing up.
    refetchInterval: pairing ? 3000 : false,
  });
  const activeDevices = (devices.data?.items ?? []).filter((d) => !d.revokedAt);

  return (
    <section className="card store-section" aria-labelledby={`store-${store.id}`}>
      <header className="store-section__header">
        <h2 id={`store-${store.id}`}>{store.name}</h2>
        <span className="muted">
          {[store.address?.city, store.locale].filter(Boolean).join(' · ')}
        </span>
      </header>

      <h3>{t('devices.registers')}</h3>
      {registers.isError && <p className="alert alert--error">{errorMessage(registers.error)}</p>}
      <ul className="register-list">
        {registers.data?.items.map((register) => {
          const count = activeDevices.filter((d) => d.registerId === register.id).length;
          return (
            <li key={register.id} className="register-list__item" data-testid="register-row">
              <div>
                <strong>{register.name}</strong>
                <span className="muted"> · {t('devices.pairedCount', { count })}</span>
              </div>
              <button
                type="button"
                className="button button--primary"
                aria-label={t('devices.pairRegister', { register: register.name })}
                onClick={() => setPairing(register)}
              >
                {t('devices.pair')}
              </button>
            </li>
          );
        })}
      </ul>
      {registers.data?.items.length === 0 && <p className="muted">{t('devices.noRegisters')}</p>}

      <h3>{t('devices.pairedDevices')}</h3>
      {devices.isError && <p className="alert alert--error">{errorMessage(devices.error)}</p>}
      {devices.data && <DeviceTable storeId={store.id} devices={devices.data.items} />}

      {pairing && (
        <PairingDialog
          register={pairing}
          devices={devices.data?.items ?? []}
          onClose={() => {
            setPairing(null);
            void devices.refetch();
          }}
        />
      )}
    </section>
  );
}
