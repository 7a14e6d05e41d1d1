import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../shell/language-select';
import { TopBar } from '../shell/top-bar';

export function LandingPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <TopBar right={<LanguageSelect compact />} />
      <main className="landing" id="main">
        <h1>{t('landing.title')}</h1>
        <p className="lead">{t('landing.subtitle')}</p>
        <div className="landing__choices">
          <Link to="/register" className="choice-card">
            <span className="choice-card__icon" aria-hidden="true">
              ▦
            </span>
            <span className="choice-card__title">{t('landing.register')}</span>
            <span className="choice-card__text">{t('landing.registerText')}</span>
          </Link>
          <Link to="/backoffice" className="choice-card">
            <span className="choice-card__icon" aria-hidden="true">
              ☰
            </span>
            <span className="choice-card__title">{t('landing.backoffice')}</span>
            <span className="choice-card__text">{t('landing.backofficeText')}</span>
          </Link>
        </div>
      </main>
    </div>
  );
}
