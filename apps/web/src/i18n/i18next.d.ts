import 'i18next';
import type en from './locales/en/translation.json';
import type enReceipts from './locales/en/receipts.json';
import type enRegisterOps from './locales/en/register-ops.json';
import type enRegisterSell from './locales/en/register-sell.json';

// Typed keys: a misspelt t('...') key fails `tsc` instead of rendering the raw key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & typeof enRegisterSell & typeof enRegisterOps & typeof enReceipts };
  }
}
