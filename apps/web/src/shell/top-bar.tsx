import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Brand on the left, page context in the middle, user menu (or language switch) on the right. */
export function TopBar({ context, right }: { context?: ReactNode; right?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <Link to="/" className="brand" aria-label={t('shell.home')}>
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span>OpenTill</span>
      </Link>
      <div className="top-bar__context">{context}</div>
      <div className="top-bar__right">{right}</div>
    </header>
  );
}
