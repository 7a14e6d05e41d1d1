import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { logout } from '../auth/me-query';
import type { DeviceMe, Me } from '../lib/api/types';
import { TopBar } from '../shell/top-bar';
import { UserMenu } from '../shell/user-menu';
import { setPinPrompt, type PinPrompt } from './lock-state';

/** Placeholder sales screen; the selling UI arrives with a later issue. */
export function RegisterHome({ me, device }: { me: Me; device: DeviceMe }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const store = me.store ?? device.store;
  const register = me.register ?? device.register;

  // Every exit ends the server session; they differ only in what the PIN pad says next.
  const leave = (prompt: PinPrompt | null) => {
    setPinPrompt(prompt);
    void logout(queryClient);
  };

  return (
    <div className="page page--register">
      <TopBar
        context={
          <span className="top-bar__title" data-testid="register-context">
            {store.name} · {register.name}
          </span>
        }
        right={
          <UserMenu
            name={me.user.name}
            role={me.user.role}
            context={`${store.name} · ${register.name}`}
            actions={[
              { id: 'lock', label: t('register.lock'), onSelect: () => leave({ kind: 'locked', name: me.user.name }) },
              { id: 'switch', label: t('register.switchCashier'), onSelect: () => leave({ kind: 'switch' }) },
              { id: 'logout', label: t('shell.logout'), onSelect: () => leave(null) },
            ]}
          />
        }
      />
      <main id="main" className="register-home">
        <section className="card register-home__welcome">
          <h1 data-testid="cashier-name">{t('register.hello', { name: me.user.name })}</h1>
          <p className="muted">{t('register.placeholder')}</p>
          <dl className="facts">
            <div>
              <dt>{t('register.cashier')}</dt>
              <dd>{me.user.name}</dd>
            </div>
            <div>
              <dt>{t('register.store')}</dt>
              <dd>{store.name}</dd>
            </div>
            <div>
              <dt>{t('register.register')}</dt>
              <dd>{register.name}</dd>
            </div>
            <div>
              <dt>{t('register.device')}</dt>
              <dd>{device.device.name}</dd>
            </div>
          </dl>
        </section>
      </main>
    </div>
  );
}
