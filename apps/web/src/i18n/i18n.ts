import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de/translation.json';
import deReceipts from './locales/de/receipts.json';
import deRegisterOps from './locales/de/register-ops.json';
import deRegisterSell from './locales/de/register-sell.json';
import en from './locales/en/translation.json';
import enReceipts from './locales/en/receipts.json';
import enRegisterOps from './locales/en/register-ops.json';
import enRegisterSell from './locales/en/register-sell.json';
import { LANGUAGE_KEY, isLanguage, pickLanguage, type Language } from './language';

function readStored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function browserLocales(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
}

// One namespace, several files: each area owns a file with one top-level key, so teams editing
// different screens never touch the same JSON.
const resources = {
  en: { translation: { ...en, ...enRegisterSell, ...enRegisterOps, ...enReceipts } },
  de: { translation: { ...de, ...deRegisterSell, ...deRegisterOps, ...deReceipts } },
};

void i18n.use(initReactI18next).init({
  resources,
  lng: pickLanguage({ stored: readStored(), browserLocales: browserLocales() }),
  fallbackLng: 'en',
  supportedLngs: ['en', 'de'],
  interpolation: { escapeValue: false }, // React already escapes.
  returnNull: false,
});

function syncDocumentLang(lng: string) {
  document.documentElement.lang = lng;
}
syncDocumentLang(i18n.language);
i18n.on('languageChanged', syncDocumentLang);

/** Explicit choice from the user menu; persisted and wins over the store's locale. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not persisted, but still applied for this page.
  }
  void i18n.changeLanguage(language);
}

/** Once the store is known its locale becomes the default, unless the user chose one. */
export function applyStoreLocale(locale: string | null | undefined): void {
  const next = pickLanguage({ stored: readStored(), storeLocale: locale, browserLocales: browserLocales() });
  if (isLanguage(next) && next !== i18n.language) void i18n.changeLanguage(next);
}

export default i18n;
