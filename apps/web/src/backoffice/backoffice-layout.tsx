import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isBackofficeSession, logout, useMe } from '../auth/me-query';
import { applyStoreLocale } from '../i18n/i18n';
import { storesApi } from '../lib/api/endpoints';
import { TopBar } from '../shell/top-bar';
import { UserMenu } from '../shell/user-menu';

export const storesQueryOptions = { queryKey: ['stores'] as const, queryFn: () => storesApi.list() };

export function BackofficeLayout() {
  const { t } = useTranslation();
  const meQuery = useMe();
  const me = isBackofficeSession(meQuery.data) ? meQuery.data : null;
  const stores = useQuery(storesQueryOptions).data?.items;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const sessionGone = meQuery.isSuccess && !me;

  // The route guard only runs on navigation; a session that ends while a page is open
  // (expiry, logout in another tab) is noticed here.
  useEffect(() => {
    if (sessionGone) void navigate({ to: '/backoffice/login', search: { redirect: location.href } });
  }, [sessionGone, navigate, location.href]);

  // The store's locale is the default language; with several stores and none bound to the
  // session there is no single answer, so the browser language stays.
  const storeLocale = me?.store?.locale ?? (stores?.length === 1 ? stores[0]?.locale : undefined);
  useEffect(() => applyStoreLocale(storeLocale), [storeLocale]);

  if (!me) return null; // Redirecting to the login page.

  const nav = [
    { to: '/backoffice', label: t('nav.dashboard'), exact: true },
    { to: '/backoffice/products', label: t('nav.products'), exact: false },
    { to: '/backoffice/categories', label: t('nav.categories'), exact: false },
    { to: '/backoffice/tax-rates', label: t('nav.taxRates'), exact: false },
    { to: '/backoffice/promotions', label: t('nav.promotions'), exact: false },
    { to: '/backoffice/import', label: t('nav.import'), exact: false },
    { to: '/backoffice/devices', label: t('nav.devices'), exact: false },
    { to: '/backoffice/receipts', label: t('receipts.nav'), exact: false },
    { to: '/backoffice/printers', label: t('receipts.printers.nav'), exact: false },
    { to: '/backoffice/audit', label: t('nav.audit'), exact: false },
    { to: '/fleet', label: t('nav.fleet'), exact: false },
    { to: '/kiosk', label: t('nav.kiosk'), exact: false },
  ] as const;

  return (
    <div className="page page--backoffice">
      <TopBar
        context={<span className="top-bar__title">{t('backoffice.title')}</span>}
        right={
          <UserMenu
            name={me.user.name}
            role={me.user.role}
            context={me.store?.name}
            actions={[
              {
                id: 'logout',
                label: t('shell.logout'),
                onSelect: () => {
                  void logout(queryClient).finally(() => navigate({ to: '/backoffice/login' }));
                },
              },
            ]}
          />
        }
      />
      <div className="backoffice">
        <nav className="side-nav" aria-label={t('nav.label')}>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  activeOptions={{ exact: item.exact }}
                  activeProps={{ className: 'active', 'aria-current': 'page' }}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main className="backoffice__main" id="main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
