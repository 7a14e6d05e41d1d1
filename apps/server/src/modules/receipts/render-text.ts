import type { ReceiptDocument } from './receipt-document.js';
import { center, layoutReceipt } from './receipt-layout.js';

/**
 * Plain text (email text part, SMS-length previews, the back-office monospace preview): the same
 * layout the thermal printer prints; the QR code becomes its URL, the logo is left out.
 */
export function renderReceiptText(doc: ReceiptDocument, opts: { columns?: number } = {}): string {
  const columns = Math.max(24, Math.min(opts.columns ?? 48, 120));
  const out: string[] = [];
  for (const item of layoutReceipt(doc, columns)) {
    if (item.kind === 'text') out.push(item.text);
    // A link stays in one piece (mail clients only make unbroken URLs clickable).
    else if (item.kind === 'qr') out.push(item.data.length >= columns ? item.data : center(item.data, columns));
  }
  return `${out.join('\n')}\n`;
}
