import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './decode-escpos.js';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('decodeEscPos', () => {
  it('decodes text by the code page selected with ESC t, and styles per line', () => {
    const d = decodeEscPos(bytes([0x1b, 0x40, 0x1b, 0x74, 19], 'Summe 1,00 ', [0xd5, 0x0a], [0x1b, 0x45, 1], 'R', [0x81], 'ckgeld', [0x0a, 0x1b, 0x45, 0], [0x1b, 0x74, 16], [0x80, 0x0a]));
    expect(d.lines).toEqual(['Summe 1,00 €', 'Rückgeld', '€']);
    expect(d.styledLines.map((l) => l.bold)).toEqual([false, true, false]);
    expect(d.codepage).toBe('windows1252');
    expect(d.initialized).toBe(1);
  });

  it('reads QR payloads, raster images, feeds, status requests, cuts and drawer pulses', () => {
    const data = 'https://x.example/r/abc';
    const len = data.length + 3;
    const d = decodeEscPos(
      bytes(
        [0x1d, 0x28, 0x6b, 4, 0, 49, 65, 50, 0],
        [0x1d, 0x28, 0x6b, len & 0xff, len >> 8, 49, 80, 48],
        data,
        [0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48],
        [0x1d, 0x76, 0x30, 0, 2, 0, 8, 0, ...new Array(16).fill(0xff)],
        [0x1b, 0x64, 2],
        [0x10, 0x04, 1],
        [0x1b, 0x70, 1, 25, 250],
        [0x1d, 0x56, 65, 3],
      ),
    );
    expect(d.qrCodes).toEqual([data]);
    expect(d.images).toEqual([{ width: 16, height: 8 }]);
    expect(d.lines).toEqual(['', '']);
    expect(d.drawerPulses).toEqual([{ pin: 5, onMs: 50, offMs: 500 }]);
    expect(d.cuts).toBe(1);
  });

  it('refuses bytes a printer would misread', () => {
    expect(() => decodeEscPos(bytes([0x1b, 0x99]))).toThrow(/Unknown ESC\/POS command ESC 0x99/);
    expect(() => decodeEscPos(bytes([0x1d, 0x28, 0x6b, 10, 0, 49]))).toThrow(/Truncated/);
    expect(() => decodeEscPos(bytes([0x07]))).toThrow(/Unexpected control byte/);
    expect(() => decodeEscPos(bytes([0x1d, 0x28, 0x6b, 3, 0, 49, 81, 48]))).toThrow(/QR print without stored data/);
  });
});
