import { codepageByNumber, decodeByte, type Codepage } from './codepages.js';

/**
 * A small ESC/POS decoder for tests (and the printer simulator): what a printer would print, as text
 * lines decoded with the code page selected by ESC t, plus QR payloads (GS ( k), cuts (GS V), drawer
 * pulses (ESC p) and raster images (GS v 0). Unknown commands throw: a test must notice bytes a real
 * printer would misread.
 */
export interface DecodedEscPos {
  lines: string[];
  /** The same lines with the style they were printed in. */
  styledLines: { text: string; bold: boolean; tall: boolean }[];
  /** Everything printed, in order: text lines, QR codes and images (for previews). */
  items: ({ kind: 'text'; text: string; bold: boolean; tall: boolean } | { kind: 'qr'; data: string } | { kind: 'image'; width: number; height: number })[];
  qrCodes: string[];
  cuts: number;
  drawerPulses: { pin: number; onMs: number; offMs: number }[];
  images: { width: number; height: number }[];
  /** Code page selected last (null = printer default). */
  codepage: string | null;
  initialized: number;
}

// ESC commands with a fixed number of parameter bytes.
const ESC_PARAMS: Record<number, number> = {
  0x21: 1, // ESC ! print mode
  0x2d: 1, // ESC - underline
  0x32: 0, // ESC 2 default line spacing
  0x33: 1, // ESC 3 line spacing
  0x45: 1, // ESC E bold
  0x47: 1, // ESC G double strike
  0x4a: 1, // ESC J feed dots
  0x4d: 1, // ESC M font
  0x52: 1, // ESC R international set
  0x56: 1, // ESC V rotate
  0x61: 1, // ESC a align
  0x64: 1, // ESC d feed lines
  0x7b: 1, // ESC { upside down
  0x20: 1, // ESC SP right spacing
};
// GS commands with a fixed number of parameter bytes.
const GS_PARAMS: Record<number, number> = { 0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x4c: 2, 0x57: 2 };

export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const out: DecodedEscPos = { lines: [], styledLines: [], items: [], qrCodes: [], cuts: 0, drawerPulses: [], images: [], codepage: null, initialized: 0 };
  let cp: Codepage | null = null;
  let line = '';
  let bold = false;
  let tall = false;
  let lineBold = false;
  let lineTall = false;
  let qrData: number[] | null = null;
  let i = 0;
  const need = (n: number) => {
    if (i + n > bytes.length) throw new Error(`Truncated ESC/POS command at byte ${i}`);
  };
  const newline = () => {
    out.lines.push(line);
    const styled = line === '' ? { text: line, bold, tall } : { text: line, bold: lineBold, tall: lineTall };
    out.styledLines.push(styled);
    out.items.push({ kind: 'text', ...styled });
    line = '';
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      newline();
      i += 1;
    } else if (b === 0x0d) {
      i += 1;
    } else if (b === 0x1b) {
      need(2);
      const c = bytes[i + 1]!;
      if (c === 0x40) {
        cp = null;
        out.codepage = null;
        bold = tall = false;
        out.initialized += 1;
        i += 2;
      } else if (c === 0x74) {
        need(3);
        cp = codepageByNumber(bytes[i + 2]!);
        out.codepage = cp?.name ?? `unknown:${bytes[i + 2]}`;
        i += 3;
      } else if (c === 0x70) {
        need(5);
        out.drawerPulses.push({ pin: bytes[i + 2]! & 1 ? 5 : 2, onMs: bytes[i + 3]! * 2, offMs: bytes[i + 4]! * 2 });
        i += 5;
      } else if (c in ESC_PARAMS) {
        need(2 + ESC_PARAMS[c]!);
        if (c === 0x45) bold = (bytes[i + 2]! & 1) === 1;
        if (c === 0x64) for (let k = 0; k < bytes[i + 2]!; k++) newline();
        i += 2 + ESC_PARAMS[c]!;
      } else {
        throw new Error(`Unknown ESC/POS command ESC 0x${c.toString(16)} at byte ${i}`);
      }
    } else if (b === 0x1c) {
      need(2);
      if (bytes[i + 1] !== 0x2e && bytes[i + 1] !== 0x26) throw new Error(`Unknown ESC/POS command FS 0x${bytes[i + 1]!.toString(16)} at byte ${i}`);
      i += 2;
    } else if (b === 0x10) {
      need(3);
      i += 3; // DLE EOT n (status request)
    } else if (b === 0x1d) {
      need(2);
      const c = bytes[i + 1]!;
      if (c === 0x56) {
        need(3);
        const m = bytes[i + 2]!;
        out.cuts += 1;
        i += m === 65 || m === 66 ? 4 : 3;
      } else if (c === 0x28) {
        need(5);
        const fnClass = bytes[i + 2]!;
        const len = bytes[i + 3]! + bytes[i + 4]! * 256;
        need(5 + len);
        const body = bytes.subarray(i + 5, i + 5 + len);
        if (fnClass === 0x6b && body[0] === 49 && body[1] === 80) qrData = [...body.subarray(3)];
        if (fnClass === 0x6b && body[0] === 49 && body[1] === 81) {
          if (!qrData) throw new Error(`QR print without stored data at byte ${i}`);
          const data = Buffer.from(qrData).toString('latin1');
          out.qrCodes.push(data);
          out.items.push({ kind: 'qr', data });
        }
        i += 5 + len;
      } else if (c === 0x76) {
        need(8);
        if (bytes[i + 2] !== 0x30) throw new Error(`Unknown GS v command at byte ${i}`);
        const x = bytes[i + 4]! + bytes[i + 5]! * 256;
        const y = bytes[i + 6]! + bytes[i + 7]! * 256;
        need(8 + x * y);
        out.images.push({ width: x * 8, height: y });
        out.items.push({ kind: 'image', width: x * 8, height: y });
        i += 8 + x * y;
      } else if (c === 0x6b) {
        need(3);
        const m = bytes[i + 2]!;
        if (m <= 6) {
          let j = i + 3;
          while (j < bytes.length && bytes[j] !== 0) j++;
          i = j + 1;
        } else {
          need(4);
          i += 4 + bytes[i + 3]!;
        }
      } else if (c in GS_PARAMS) {
        need(2 + GS_PARAMS[c]!);
        if (c === 0x21) tall = (bytes[i + 2]! & 0x0f) > 0;
        i += 2 + GS_PARAMS[c]!;
      } else {
        throw new Error(`Unknown ESC/POS command GS 0x${c.toString(16)} at byte ${i}`);
      }
    } else if (b < 0x20 && b !== 0x09) {
      throw new Error(`Unexpected control byte 0x${b.toString(16)} at byte ${i}`);
    } else {
      // The style of a line is the style its first character was printed in.
      if (line === '') {
        lineBold = bold;
        lineTall = tall;
      }
      line += b === 0x09 ? ' ' : decodeByte(b, cp);
      i += 1;
    }
  }
  if (line !== '') newline();
  return out;
}
