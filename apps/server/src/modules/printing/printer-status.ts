import type { PrinterState } from '../../platform/db/schema.js';

/**
 * ESC/POS real-time status (DLE EOT n = 10 04 n). The printer answers each query with one byte even
 * while offline or in error, ahead of any buffered print data. Every answer byte has the fixed
 * pattern 0xx1 0x10 (bits 1 and 4 set, bits 0 and 7 clear), which tells an answer from noise.
 */
export const DLE_EOT = { printer: 1, offlineCause: 2, paperSensor: 4 } as const;
export type StatusQuery = (typeof DLE_EOT)[keyof typeof DLE_EOT];

export const dleEot = (n: StatusQuery) => Uint8Array.of(0x10, 0x04, n);

/** Answers to the three queries; null where the printer did not answer. */
export interface StatusAnswers {
  printer: number | null;
  offlineCause: number | null;
  paperSensor: number | null;
}

export const isStatusByte = (b: number) => (b & 0x93) === 0x12;

const PRINTER_OFFLINE = 0x08; // n=1 bit 3
const COVER_OPEN = 0x04; // n=2 bit 2
const PAPER_END_STOP = 0x20; // n=2 bit 5: printing stopped because the paper ran out
const ERROR = 0x40; // n=2 bit 6
const PAPER_END = 0x60; // n=4 bits 5+6: roll end sensor
const PAPER_NEAR_END = 0x0c; // n=4 bits 2+3

export interface MappedStatus {
  state: Exclude<PrinterState, 'unknown'>;
  /** Human-readable detail for the register (null when all is well). */
  detail: string | null;
}

/**
 * What the register shows. Cover and paper are checked before the generic offline bit because a
 * printer with an open cover or no paper also reports itself offline. A printer that answers no
 * query at all (some emulators, older models) accepted our connection, so it counts as ready.
 */
export function mapStatus(a: StatusAnswers): MappedStatus {
  const valid = (b: number | null) => (b !== null && isStatusByte(b) ? b : null);
  const printer = valid(a.printer);
  const cause = valid(a.offlineCause);
  const paper = valid(a.paperSensor);
  if (cause !== null && cause & COVER_OPEN) return { state: 'cover_open', detail: 'Printer cover is open' };
  if ((paper !== null && paper & PAPER_END) || (cause !== null && cause & PAPER_END_STOP)) {
    return { state: 'paper_out', detail: 'Printer is out of paper' };
  }
  if (cause !== null && cause & ERROR) return { state: 'offline', detail: 'Printer reports an error' };
  if (printer !== null && printer & PRINTER_OFFLINE)
    return { state: 'offline', detail: 'Printer is offline' };
  if (paper !== null && paper & PAPER_NEAR_END) return { state: 'ready', detail: 'Paper is running low' };
  return { state: 'ready', detail: null };
}

/** The drawer pulse on its own (no-sale): ESC @, then ESC p 0 t1 t2 — pin 2, 50 ms on, 500 ms off. */
export const DRAWER_KICK = Uint8Array.of(0x1b, 0x40, 0x1b, 0x70, 0x00, 0x19, 0xfa);
