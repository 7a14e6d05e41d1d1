import QRCode from 'qrcode';

/** QR modules (dark = true) for the HTML and PDF renderers; EC level M like the printed code. */
export function qrMatrix(data: string): { size: number; dark(row: number, col: number): boolean } {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const { size, data: bits } = qr.modules;
  return { size, dark: (row, col) => bits[row * size + col] === 1 };
}

/** An inline SVG of the QR code (one path, crisp at any zoom, no external request). */
export function qrSvg(data: string, pixels = 132): string {
  const m = qrMatrix(data);
  const quiet = 4;
  const total = m.size + quiet * 2;
  let d = '';
  // One rectangle per horizontal run of dark modules keeps the path (and the email) small.
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (!m.dark(r, c)) continue;
      let end = c;
      while (end + 1 < m.size && m.dark(r, end + 1)) end++;
      const len = end - c + 1;
      d += `M${c + quiet} ${r + quiet}h${len}v1h-${len}z`;
      c = end;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels}" height="${pixels}" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges" role="img" aria-hidden="true"><rect width="${total}" height="${total}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}
