import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me-query';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const tiles = [
    { to: '/backoffice/products', title: t('nav.products'), text: t('dashboard.productsText') },
    { to: '/backoffice/promotions', title: t('nav.promotions'), text: t('dashboard.promotionsText') },
    { to: '/backoffice/devices', title: t('nav.devices'), text: t('dashboard.devicesText') },
    { to: '/backoffice/audit', title: t('nav.audit'), text: t('dashboard.auditText') },
    { to: '/fleet', title: t('nav.fleet'), text: t('dashboard.fleetText') },
    { to: '/kiosk', title: t('nav.kiosk'), text: t('dashboard.kioskText') },
  ] as const;
  return (
    <>
      <div className="page-header">
        <h1>{t('dashboard.welcome', { name: me?.user.name ?? '' })}</h1>
        <p className="muted">{t('dashboard.subtitle')}</p>
      </div>
      <div className="tiles">
        {tiles.map((tile) => (
          <Link key={tile.to} to={tile.to} className="tile">
            <span className="tile__title">{tile.title}</span>
            <span className="tile__text">{tile.text}</span>
          </Link>
        ))}
      </div>
    </>
  );
}
