import PDFDocument from 'pdfkit';
import type { ReceiptDocument } from './receipt-document.js';
import { layoutReceipt } from './receipt-layout.js';
import { logoBitmap } from './receipt-logo.js';
import { qrMatrix } from './qr.js';

/**
 * A PDF of the receipt on an 80 mm wide page as long as the receipt: the printer's 48-column layout
 * in Courier (a standard PDF font with € in its encoding, so no font files), the logo and a vector
 * QR code. The PDF therefore matches the paper receipt line for line.
 */

const MM = 72 / 25.4;
const PAGE_WIDTH = 80 * MM;
const MARGIN = 5 * MM;
const COLUMNS = 48;
// Courier glyphs are 0.6 em wide: the font size that fits 48 columns into the printable width.
const FONT_SIZE = (PAGE_WIDTH - 2 * MARGIN) / (COLUMNS * 0.6);
const LINE = FONT_SIZE * 1.3;
const QR_SIZE = 30 * MM;
const LOGO_MAX_HEIGHT = 16 * MM;
const LOGO_MAX_WIDTH = 0.6 * (PAGE_WIDTH - 2 * MARGIN);

export async function renderReceiptPdf(doc: ReceiptDocument): Promise<Buffer> {
  const items = layoutReceipt(doc, COLUMNS);
  const logo = items.find((i) => i.kind === 'logo');
  const bitmap = logo ? logoBitmap(logo.png, 576) : null;
  const logoHeight = bitmap ? Math.min(LOGO_MAX_HEIGHT, (LOGO_MAX_WIDTH * bitmap.height) / bitmap.width) : 0;
  let height = 2 * MARGIN;
  for (const i of items) height += i.kind === 'text' ? (i.tall ? 2 * LINE : LINE) : i.kind === 'qr' ? QR_SIZE + LINE / 2 : logoHeight + LINE / 2;

  const pdf = new PDFDocument({
    size: [PAGE_WIDTH, Math.ceil(height)],
    margin: 0,
    info: { Title: `${doc.store.name} ${doc.number ?? ''}`.trim(), Producer: 'OpenTill', Creator: 'OpenTill' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  let y = MARGIN;
  for (const item of items) {
    if (item.kind === 'text') {
      pdf.font(item.bold ? 'Courier-Bold' : 'Courier').fontSize(FONT_SIZE);
      if (item.tall) {
        // Double height like the printer (GS ! 0x01): scale vertically only, keep the 48 columns.
        pdf.save().translate(MARGIN, y).scale(1, 2).text(item.text, 0, 0, { lineBreak: false }).restore();
        y += 2 * LINE;
      } else {
        pdf.text(item.text, MARGIN, y, { lineBreak: false });
        y += LINE;
      }
    } else if (item.kind === 'logo' && bitmap) {
      const png = Buffer.from(item.png, 'base64');
      pdf.image(png, (PAGE_WIDTH - LOGO_MAX_WIDTH) / 2, y, { fit: [LOGO_MAX_WIDTH, logoHeight], align: 'center' });
      y += logoHeight + LINE / 2;
    } else if (item.kind === 'qr') {
      const m = qrMatrix(item.data);
      const cell = QR_SIZE / (m.size + 4);
      const x0 = (PAGE_WIDTH - QR_SIZE) / 2 + 2 * cell;
      const y0 = y + 2 * cell;
      for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(r, c)) pdf.rect(x0 + c * cell, y0 + r * cell, cell, cell);
      pdf.fill('#000');
      y += QR_SIZE + LINE / 2;
    }
  }
  pdf.end();
  return done;
}
