import { useTranslation } from 'react-i18next';

/** Stand-in for screens a later issue fills (fleet overview, kiosk set-up). */
export function PlaceholderPage({ kind }: { kind: 'fleet' | 'kiosk' }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="page-header">
        <h1>{kind === 'fleet' ? t('nav.fleet') : t('nav.kiosk')}</h1>
      </div>
      <div className="card empty-state">
        <p>{kind === 'fleet' ? t('placeholder.fleet') : t('placeholder.kiosk')}</p>
        <p className="muted">{t('placeholder.comingSoon')}</p>
      </div>
    </>
  );
}
export const FleetPage = () => <PlaceholderPage kind="fleet" />;
export const KioskPage = () => <PlaceholderPage kind="kiosk" />;
