import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { TopBar } from './top-bar';
import { LanguageSelect } from './language-select';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <TopBar right={<LanguageSelect compact />} />
      <main className="centered" id="main">
        <div className="card empty-state">
          <h1>{t('notFound.title')}</h1>
          <p className="muted">{t('notFound.text')}</p>
          <Link to="/" className="button button--primary">
            {t('notFound.home')}
          </Link>
        </div>
      </main>
    </div>
  );
}
