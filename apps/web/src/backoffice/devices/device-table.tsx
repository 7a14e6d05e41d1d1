import { useTranslation } from 'react-i18next';
import type { Device } from '../../lib/api/types';
import { DeviceRow } from './device-row';

export function DeviceTable({ storeId, devices }: { storeId: string; devices: Device[] }) {
  const { t } = useTranslation();
  if (devices.length === 0) return <p className="muted">{t('devices.noDevices')}</p>;
  // Active devices first, newest pairing first within each group.
  const sorted = [...devices].sort(
    (a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || b.pairedAt.localeCompare(a.pairedAt),
  );
  return (
    <div className="table-wrap">
      <table className="table" data-testid="device-table">
        <thead>
          <tr>
            <th scope="col">{t('devices.name')}</th>
            <th scope="col">{t('devices.register')}</th>
            <th scope="col">{t('devices.pairedAt')}</th>
            <th scope="col">{t('devices.lastSeen')}</th>
            <th scope="col">{t('devices.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('devices.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((device) => (
            <DeviceRow key={device.id} storeId={storeId} device={device} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
