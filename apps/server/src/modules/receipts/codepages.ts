/**
 * Single-byte code pages for thermal printers: the byte tables used to encode receipt text (and to
 * decode it again in tests). The ESC t number is the Epson numbering, which Epson-compatible printers
 * (and the encoder's `epson` mapping) use: 19 = PC858 (PC850 with € at 0xD5), 16 = WPC1252 (€ at 0x80).
 */

const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const CP858_HIGH = CP850_HIGH.slice(0, 0x55) + '€' + CP850_HIGH.slice(0x56);
// 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in Windows-1252; the rest of 0xA0–0xFF is Latin-1.
const WIN1252_HIGH =
  '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ' + Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

export interface Codepage {
  name: string;
  /** ESC t n (Epson numbering). */
  escPosNumber: number;
  high: string;
}

export const CODEPAGE_NAMES = ['cp858', 'cp850', 'windows1252'] as const;
export type CodepageName = (typeof CODEPAGE_NAMES)[number];

export const CODEPAGES: Record<string, Codepage> = {
  cp858: { name: 'cp858', escPosNumber: 19, high: CP858_HIGH },
  cp850: { name: 'cp850', escPosNumber: 2, high: CP850_HIGH },
  windows1252: { name: 'windows1252', escPosNumber: 16, high: WIN1252_HIGH },
};

export const DEFAULT_CODEPAGE: CodepageName = 'cp858';

const encoders = new Map<string, Map<string, number>>();

function encoderFor(cp: Codepage): Map<string, number> {
  let map = encoders.get(cp.name);
  if (!map) {
    map = new Map();
    for (let i = 0; i < 128; i++) if (cp.high[i] !== '\ufffd') map.set(cp.high[i]!, 0x80 + i);
    encoders.set(cp.name, map);
  }
  return map;
}

/** Characters the code page lacks are printed as the nearest ASCII (typographic quotes, dashes) or "?". */
const FALLBACK: Record<string, string> = { '‘': "'", '’': "'", '‚': ',', '“': '"', '”': '"', '„': '"', '–': '-', '—': '-', '…': '...', '•': '*', '\u2009': ' ', '\u202f': ' ' };

export function encodeText(text: string, cp: Codepage): number[] {
  const map = encoderFor(cp);
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f) out.push(c);
    else if (map.has(ch)) out.push(map.get(ch)!);
    else if (FALLBACK[ch]) for (const f of FALLBACK[ch]) out.push(f.charCodeAt(0));
    else out.push(0x3f);
  }
  return out;
}

export function decodeByte(byte: number, cp: Codepage | null): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  return cp ? cp.high[byte - 0x80]! : '\ufffd';
}

export function codepageByNumber(n: number): Codepage | null {
  return Object.values(CODEPAGES).find((c) => c.escPosNumber === n) ?? null;
}
