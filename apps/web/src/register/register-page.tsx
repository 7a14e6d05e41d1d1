import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-query';
import { applyStoreLocale } from '../i18n/i18n';
import { devicesApi } from '../lib/api/endpoints';
import type { DeviceMe, Me } from '../lib/api/types';
import { NETWORK_ERROR, ApiError } from '../lib/api/api-error';
import { useDeviceToken } from '../lib/use-device-token';
import { useErrorMessage } from '../lib/error-message';
import { LanguageSelect } from '../shell/language-select';
import { TopBar } from '../shell/top-bar';
import { PairingScreen } from './pairing-screen';
import { PinLoginScreen } from './pin-login-screen';
import { runtimeFor, storeSettingsOf } from './data/register-runtime';
import { offlineSession, saveOfflineSession } from './offline-session';
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
  return <PairedRegister key={token} token={token} />;
}

const isNetworkError = (e: unknown) => e instanceof ApiError && e.code === NETWORK_ERROR;
// The server being away is no reason to wait through retries before the offline register shows.
const retryUnlessOffline = (count: number, error: unknown) =>
  !isNetworkError(error) &&
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) &&
  count < 2;

function PairedRegister({ token }: { token: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  // A known device starts reading its cached catalog while the server is asked who is signed in.
  useEffect(() => {
    const known = offlineSession(token)?.device;
    if (known) void runtimeFor(known.register.id, storeSettingsOf(known)).preload();
  }, [token]);
  // Doubles as a heartbeat: a revoked device learns it within a minute, even when idle.
  const device = useQuery({
    queryKey: deviceMeQueryKey,
    queryFn: () => devicesApi.me(),
    refetchInterval: 60_000,
    retry: retryUnlessOffline,
  });
  const me = useMe();
  const storeLocale = device.data?.store.locale;
  useEffect(() => applyStoreLocale(storeLocale), [storeLocale]);
  useEffect(() => {
    if (device.data && me.isSuccess)
      saveOfflineSession(token, device.data, isSessionFor(me.data, device.data) ? me.data : null);
  }, [token, device.data, me.isSuccess, me.data]);

  // Server unreachable: keep selling with the last confirmed device and cashier (see offline-session.ts).
  const cached = isNetworkError(device.error) || isNetworkError(me.error) ? offlineSession(token) : null;
  if (cached?.me && isSessionFor(cached.me, cached.device)) {
    return <RegisterHome me={cached.me} device={cached.device} />;
  }

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
          <button
            type="button"
            className="button"
            onClick={() => void Promise.all([device.refetch(), me.refetch()])}
          >
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
