import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../i18n/i18n';
import { isLanguage, SUPPORTED_LANGUAGES } from '../i18n/language';

// Language names are written in their own language so anyone can find theirs.
const NAMES: Record<(typeof SUPPORTED_LANGUAGES)[number], string> = { en: 'English', de: 'Deutsch' };

export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <div className={compact ? 'language-select language-select--compact' : 'language-select'}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {t('shell.language')}
      </label>
      <select
        id={id}
        value={current}
        onChange={(e) => {
          if (isLanguage(e.target.value)) chooseLanguage(e.target.value);
        }}
      >
        {SUPPORTED_LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NAMES[lang]}
          </option>
        ))}
      </select>
    </div>
  );
}
