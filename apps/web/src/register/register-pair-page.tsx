import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { clearDeviceToken } from '../lib/api/device-token';
import { useDeviceToken } from '../lib/use-device-token';
import { LanguageSelect } from '../shell/language-select';
import { TopBar } from '../shell/top-bar';
import { PairingScreen } from './pairing-screen';

/** Target of the pairing QR code: /register/pair?code=ABCD2345. */
export function RegisterPairPage({ code }: { code?: string }) {
  const { t } = useTranslation();
  const token = useDeviceToken();
  const navigate = useNavigate();
  const toRegister = () => void navigate({ to: '/register', replace: true });

  return (
    <div className="page page--register">
      <TopBar right={<LanguageSelect compact />} />
      <main id="main">
        {token ? (
          // Never silently replace an existing pairing: the old device would stay registered.
          <div className="pin-screen">
            <div className="card pairing-card">
              <h1>{t('pairDevice.alreadyPaired')}</h1>
              <p className="muted">{t('pairDevice.alreadyPairedText')}</p>
              <div className="button-row">
                <button type="button" className="button button--primary" onClick={toRegister}>
                  {t('pairDevice.openRegister')}
                </button>
                <button type="button" className="button" onClick={() => clearDeviceToken()}>
                  {t('pairDevice.pairAgain')}
                </button>
              </div>
            </div>
          </div>
        ) : (
          <PairingScreen initialCode={code} onPaired={toRegister} />
        )}
      </main>
    </div>
  );
}
