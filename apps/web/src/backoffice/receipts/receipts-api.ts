import { api, buildUrl } from '../../lib/api/api-client';

export type ReceiptLanguage = 'de' | 'en';

export interface ReceiptTemplate {
  storeId: string;
  header: string;
  footer: string;
  /** Base64 PNG without a data: prefix. */
  logoPng: string | null;
  language: ReceiptLanguage;
  saved: boolean;
  updatedAt: string | null;
}

export type PreviewItem =
  | { kind: 'text'; text: string; bold: boolean; tall: boolean }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; width: number; height: number };

/** A sample receipt as the printer receives it (decoded ESC/POS). */
export interface EscPosPreview {
  format: 'escpos-58' | 'escpos-80';
  width: 58 | 80;
  columns: number;
  codepage: string;
  size: number;
  items: PreviewItem[];
}

const path = (storeId: string) => `/stores/${storeId}/receipt-template`;

export const receiptsApi = {
  template: (storeId: string) => api<ReceiptTemplate>(path(storeId)),
  save: (storeId: string, body: Pick<ReceiptTemplate, 'header' | 'footer' | 'logoPng' | 'language'>) =>
    api<ReceiptTemplate>(path(storeId), { method: 'PUT', body }),
  escpos: (storeId: string, width: 58 | 80) =>
    api<EscPosPreview>(`${path(storeId)}/preview`, { query: { format: `escpos-${width}` } }),
  /** The HTML (email) preview is loaded by an iframe: same origin, session cookie. */
  htmlUrl: (storeId: string) => buildUrl(`${path(storeId)}/preview`, { format: 'html' }),
};

export const receiptKeys = {
  template: (storeId: string) => ['receipts', 'template', storeId] as const,
  preview: (storeId: string, width: number) => ['receipts', 'preview', storeId, width] as const,
};
