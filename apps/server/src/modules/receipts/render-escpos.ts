import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { invalid } from '../../platform/errors.js';
import { CODEPAGES, DEFAULT_CODEPAGE, encodeText } from './codepages.js';
import type { ReceiptDocument } from './receipt-document.js';
import { logoBitmap } from './receipt-logo.js';
import { layoutReceipt } from './receipt-layout.js';

export interface EscPosOptions {
  width: 58 | 80;
  codepage?: string;
  openDrawer?: boolean;
}

/** Characters per line and printable dots of the common 58 mm and 80 mm printers (font A, 203 dpi). */
export const PAPER = { 58: { columns: 32, dots: 384 }, 80: { columns: 48, dots: 576 } } as const;

const ESC = 0x1b;
const LF = 0x0a;

/**
 * ESC/POS bytes for Epson-compatible printers. The encoder emits initialise, styles, the raster logo
 * (GS v 0), the native QR code (GS ( k), the drawer pulse (ESC p) and the cut (GS V); the text itself
 * is laid out here and encoded with our code page table, because the encoder's line composer costs
 * ~30 µs per line — too slow for the 1,000-receipts-per-second budget.
 */
/** Per paper width: logo (full base64, so two different logos never share an entry) → raster bytes. */
const rasters = new Map<number, Map<string, Uint8Array>>();

/**
 * The logo as GS v 0 raster bytes, encoded once per logo and paper width: the encoder's image
 * conversion costs ~0.6 ms, more than the rest of a receipt, and a shop prints the same logo all day.
 */
function logoRaster(png: string, dots: number): Uint8Array {
  let byLogo = rasters.get(dots);
  if (!byLogo) rasters.set(dots, (byLogo = new Map()));
  let bytes = byLogo.get(png);
  if (!bytes) {
    const bmp = logoBitmap(png, dots);
    const enc = new ReceiptPrinterEncoder({ language: 'esc-pos', codepageMapping: 'epson', newline: '\n', imageMode: 'raster' });
    bytes = enc.image({ data: bmp.data, width: bmp.width, height: bmp.height } as never, bmp.width, bmp.height, 'threshold', 128).encode();
    if (byLogo.size >= 20) byLogo.clear();
    byLogo.set(png, bytes);
  }
  return bytes;
}

export function renderEscPos(doc: ReceiptDocument, opts: EscPosOptions): Uint8Array {
  const paper = PAPER[opts.width];
  if (!paper) throw invalid('invalid_width', 'Paper width must be 58 or 80 (mm)', { field: 'width' });
  const cp = CODEPAGES[opts.codepage ?? DEFAULT_CODEPAGE];
  if (!cp) throw invalid('invalid_codepage', `Unsupported code page; use one of ${Object.keys(CODEPAGES).join(', ')}`, { field: 'codepage' });
  const enc = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: paper.columns, codepageMapping: 'epson', newline: '\n', feedBeforeCut: 4, imageMode: 'raster' });
  enc.initialize().raw([ESC, 0x74, cp.escPosNumber]);
  // Kick the drawer first: it opens while the receipt prints.
  if (opts.openDrawer) enc.pulse(0, 100, 500);
  let bold = false;
  let tall = false;
  for (const item of layoutReceipt(doc, paper.columns)) {
    if (item.kind === 'text') {
      if (Boolean(item.bold) !== bold) {
        bold = !bold;
        enc.bold(bold);
      }
      if (Boolean(item.tall) !== tall) {
        tall = !tall;
        enc.size(1, tall ? 2 : 1);
      }
      const bytes = encodeText(item.text, cp);
      bytes.push(LF);
      enc.raw(bytes);
    } else {
      enc.raw([ESC, 0x61, 1]);
      if (item.kind === 'logo') {
        enc.raw(logoRaster(item.png, paper.dots));
      } else {
        enc.qrcode(item.data, { model: 2, size: opts.width === 58 ? 5 : 6, errorlevel: 'm' });
      }
      enc.raw([ESC, 0x61, 0]);
    }
  }
  if (bold) enc.bold(false);
  if (tall) enc.size(1, 1);
  enc.cut('partial');
  return enc.encode();
}
