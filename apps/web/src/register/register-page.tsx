import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-query';
import { applyStoreLocale } from '../i18n/i18n';
import { devicesApi } from '../lib/api/endpoints';
import type { DeviceMe, Me } from '../lib/api/types';
import { useDeviceToken } from '../lib/use-device-token';
import { useErrorMessage } from '../lib/error-message';
import { LanguageSelect } from '../shell/language-select';
import { TopBar } from '../shell/top-bar';
import { PairingScreen } from './pairing-screen';
import { PinLoginScreen } from './pin-login-screen';
import { RegisterHome } from './register-home';

export const deviceMeQueryKey = ['device', 'me'] as const;

/** /register: pairing → PIN pad → register screen, decided by device token and session. */
export function RegisterPage() {
  const token = useDeviceToken();
  if (!token) {
    return (
      <div className="page page--register">
        <TopBar right={<LanguageSelect compact />} />
        <main id="main">
          <PairingScreen />
        </main>
      </div>
    );
  }
  // Keyed by token so re-pairing starts from a clean slate.
  return <PairedRegister key={token} />;
}

function PairedRegister() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  // Doubles as a heartbeat: a revoked device learns it within a minute, even when idle.
  const device = useQuery({ queryKey: deviceMeQueryKey, queryFn: () => devicesApi.me(), refetchInterval: 60_000 });
  const me = useMe();
  const storeLocale = device.data?.store.locale;
  useEffect(() => applyStoreLocale(storeLocale), [storeLocale]);

  let body;
  if (device.isPending || (device.isSuccess && me.isPending)) {
    body = <p className="muted centered-text">{t('common.loading')}</p>;
  } else if (device.isError || me.isError) {
    body = (
      <div className="pin-screen">
        <div className="card">
          <p className="alert alert--error" role="alert">
            {errorMessage(device.error ?? me.error)}
          </p>
          <button type="button" className="button" onClick={() => void Promise.all([device.refetch(), me.refetch()])}>
            {t('common.retry')}
          </button>
        </div>
      </div>
    );
  } else if (isSessionFor(me.data, device.data)) {
    return <RegisterHome me={me.data} device={device.data} />;
  } else {
    body = <PinLoginScreen device={device.data} />;
  }

  return (
    <div className="page page--register">
      <TopBar
        context={device.data && <span className="top-bar__title">{device.data.register.name}</span>}
        right={<LanguageSelect compact />}
      />
      <main id="main">{body}</main>
    </div>
  );
}

/** A back-office session in the same browser does not count as a cashier on this register. */
function isSessionFor(me: Me | null | undefined, device: DeviceMe | undefined): me is Me {
  if (!me || !device || me.session.kind !== 'register') return false;
  return (me.session.deviceId ?? device.device.id) === device.device.id;
}
