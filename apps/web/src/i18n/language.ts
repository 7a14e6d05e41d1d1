// Language choice, kept free of i18next so it can be unit-tested in node.
// Precedence: the user's explicit choice > the store's locale > the browser > English.

export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'en';
export const LANGUAGE_KEY = 'opentill.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** 'de-DE' → 'de', 'en_GB' → 'en', unsupported or empty → undefined. */
export function languageFromLocale(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

export function pickLanguage(input: {
  stored?: string | null;
  storeLocale?: string | null;
  browserLocales?: readonly string[];
}): Language {
  if (isLanguage(input.stored)) return input.stored;
  const fromStore = languageFromLocale(input.storeLocale);
  if (fromStore) return fromStore;
  for (const locale of input.browserLocales ?? []) {
    const lang = languageFromLocale(locale);
    if (lang) return lang;
  }
  return FALLBACK_LANGUAGE;
}
