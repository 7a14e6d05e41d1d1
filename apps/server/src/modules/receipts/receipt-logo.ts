import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { invalid } from '../../platform/errors.js';

/** Store logos: validated once on upload, decoded (and scaled to the paper) when printed. */

export const MAX_LOGO_BYTES = 256 * 1024;
const MAX_LOGO_SIDE = 2000;

/** Decodes a base64 PNG or throws a clear 400 (`invalid_logo`); returns its size. */
export function validateLogo(base64: string): { width: number; height: number } {
  const field = 'body.logoPng';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid('invalid_logo', 'The logo must be a base64-encoded PNG', { field });
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_LOGO_BYTES) throw invalid('invalid_logo', `The logo is larger than ${MAX_LOGO_BYTES / 1024} KB`, { field });
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw invalid('invalid_logo', 'The logo is not a PNG image', { field });
  const broken = brokenChunk(bytes);
  if (broken) throw invalid('invalid_logo', `The logo PNG cannot be decoded: ${broken}`, { field });
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (err) {
    throw invalid('invalid_logo', `The logo PNG cannot be decoded: ${(err as Error).message}`, { field });
  }
  if (png.width > MAX_LOGO_SIDE || png.height > MAX_LOGO_SIDE) throw invalid('invalid_logo', `The logo must be at most ${MAX_LOGO_SIDE}×${MAX_LOGO_SIDE} pixels`, { field });
  return { width: png.width, height: png.height };
}

/**
 * Walks the PNG chunk list (PNG spec, ISO/IEC 15948 §5.3: length, type, data, CRC-32 over type and
 * data) up to IEND. pngjs alone accepts some truncated files and then decodes whatever happened to be
 * in memory — a cut-off upload must be refused, not printed as noise.
 */
function brokenChunk(bytes: Buffer): string | null {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.length) return 'truncated chunk';
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return `bad CRC in ${type} chunk`;
    if (type === 'IEND') return end === bytes.length ? null : 'data after IEND';
    at = end;
  }
  return 'missing IEND chunk';
}

export interface Bitmap {
  width: number;
  height: number;
  /** RGBA, alpha already flattened onto white. */
  data: Uint8ClampedArray;
}

/** maxWidth → logo (full base64) → bitmap. */
const cache = new Map<number, Map<string, Bitmap>>();

/**
 * The logo scaled (nearest neighbour) to at most `maxWidth` dots, width and height divisible by 8, on white.
 * Cached per logo and width: a shop prints the same logo thousands of times.
 */
export function logoBitmap(base64: string, maxWidth: number): Bitmap {
  let byLogo = cache.get(maxWidth);
  if (!byLogo) cache.set(maxWidth, (byLogo = new Map()));
  const hit = byLogo.get(base64);
  if (hit) return hit;
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  const scale = Math.min(1, maxWidth / png.width, 240 / png.height);
  const width = Math.max(8, Math.floor((png.width * scale) / 8) * 8);
  const used = Math.max(1, Math.round(png.height * scale));
  // Raster rows go in bands of 8 dots: pad the height with white.
  const height = Math.ceil(used / 8) * 8;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < used; y++) {
    const sy = Math.min(png.height - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(png.width - 1, Math.floor(x / scale));
      const s = (sy * png.width + sx) * 4;
      const a = png.data[s + 3]! / 255;
      const d = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[d + c] = Math.round(png.data[s + c]! * a + 255 * (1 - a));
      data[d + 3] = 255;
    }
  }
  const bitmap = { width, height, data };
  if (byLogo.size >= 20) byLogo.clear();
  byLogo.set(base64, bitmap);
  return bitmap;
}
