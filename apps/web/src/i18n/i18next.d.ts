import 'i18next';
import type en from './locales/en/translation.json';

// Typed keys: a misspelt t('...') key fails `tsc` instead of rendering the raw key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
