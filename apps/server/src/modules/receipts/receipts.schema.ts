import { z } from 'zod';
import { CODEPAGE_NAMES, DEFAULT_CODEPAGE } from './codepages.js';
import { RECEIPT_LANGUAGES } from './receipt-document.js';
import { MAX_LOGO_BYTES } from './receipt-logo.js';

/** Multi-line template text: line breaks allowed, other control characters refused. */
const templateText = (maxLines: number) =>
  z
    .string()
    .max(1000)
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((v) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(v), 'must not contain control characters (line breaks are fine)')
    .refine((v) => v.split('\n').length <= maxLines, `at most ${maxLines} lines`)
    .refine((v) => v.split('\n').every((l) => l.length <= 64), 'at most 64 characters per line');

export const templateBody = z.strictObject({
  header: templateText(8).default(''),
  footer: templateText(8).default(''),
  /** Base64 PNG (no data: prefix), or null to remove the logo. Decoded and checked by the service. */
  logoPng: z.string().max(Math.ceil(MAX_LOGO_BYTES / 3) * 4 + 4).nullable().default(null),
  language: z.enum(RECEIPT_LANGUAGES),
});

export const PREVIEW_FORMATS = ['escpos-58', 'escpos-80', 'html', 'text', 'pdf'] as const;
export const previewQuery = z.strictObject({
  format: z.enum(PREVIEW_FORMATS).default('html'),
  codepage: z.enum(CODEPAGE_NAMES).default(DEFAULT_CODEPAGE),
});

export const storeParams = z.strictObject({ id: z.uuid() });
export const saleParams = z.strictObject({ id: z.uuid() });
export const tokenParams = z.strictObject({ token: z.string().min(1).max(100) });
/** Public pages: any token string reaches the handler, which answers one 404 for everything unknown. */
export const publicTokenParams = z.strictObject({ token: z.string() });

export type TemplateBody = z.infer<typeof templateBody>;
