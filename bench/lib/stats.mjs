// Small statistics helpers for benchmarks (no dependencies).

/** Median of a list of numbers (NaN for an empty list). */
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Percentile (0–100) with linear interpolation between closest ranks.
 * `sorted` must already be sorted ascending (a Float64Array or array).
 */
export function percentileSorted(sorted, p) {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0];
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** Collects float samples into a growable Float64Array (cheap in a hot event handler). */
export class Samples {
  constructor(initial = 1 << 16) {
    this.buf = new Float64Array(initial);
    this.length = 0;
  }
  push(x) {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }
  sorted() {
    return this.buf.slice(0, this.length).sort();
  }
}
