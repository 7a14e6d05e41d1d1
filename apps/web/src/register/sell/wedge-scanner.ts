import { useEffect, useRef } from 'react';

/**
 * Keyboard-wedge barcode scanners "type" the code fast (a few ms per key) and press Enter. This
 * recognises such bursts anywhere on the page — except while the cashier types into a field, where
 * the keys belong to that field — and hands the code over. Humans type far slower than `maxGapMs`.
 */

export interface WedgeState {
  buffer: string;
  firstAt: number;
  lastAt: number;
}

export const initialWedge: WedgeState = { buffer: '', firstAt: 0, lastAt: 0 };

export type WedgeResult = { state: WedgeState; code: string | null; consumed: boolean };

/**
 * A burst counts as a scan when its keys came on average faster than `maxAvgMs` apart — judged over
 * the whole code, so one hiccup of a busy machine does not split a scan, while a person typing (well
 * over 100 ms per key) never triggers it. A pause longer than `resetGapMs` starts a new burst.
 */
export function wedgeKey(state: WedgeState, key: string, at: number, opts = { maxAvgMs: 50, resetGapMs: 300, minLength: 3 }): WedgeResult {
  const gap = at - state.lastAt;
  if (key === 'Enter') {
    const n = state.buffer.length;
    const avg = n > 1 ? (state.lastAt - state.firstAt) / (n - 1) : Infinity;
    const code = n >= opts.minLength && avg <= opts.maxAvgMs && gap <= opts.resetGapMs ? state.buffer : null;
    return { state: initialWedge, code, consumed: code !== null };
  }
  if (key.length !== 1) return { state: initialWedge, code: null, consumed: false };
  if (state.buffer === '' || gap > opts.resetGapMs) return { state: { buffer: key, firstAt: at, lastAt: at }, code: null, consumed: false };
  return { state: { buffer: state.buffer + key, firstAt: state.firstAt, lastAt: at }, code: null, consumed: false };
}

const isTypingTarget = (t: EventTarget | null) =>
  t instanceof HTMLElement && t.closest('input, textarea, select, [contenteditable="true"]') !== null;

export function useWedgeScanner(onScan: (code: string) => void, enabled: boolean): void {
  const state = useRef<WedgeState>(initialWedge);
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) {
        state.current = initialWedge;
        return;
      }
      const r = wedgeKey(state.current, e.key, e.timeStamp || performance.now());
      state.current = r.state;
      if (r.code !== null) {
        // The Enter belongs to the scan, not to whatever button has focus.
        e.preventDefault();
        e.stopPropagation();
        handler.current(r.code);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
