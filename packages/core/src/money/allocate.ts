import { minor, type Minor, type Money } from './money.js';
import { MoneyError } from './money-error.js';

/**
 * Splits `total` minor units proportionally to integer `weights` with the largest-remainder
 * (Hamilton) method, so the parts always sum to exactly `total` — no minor unit is created or
 * lost — and every part is the exact share rounded down or up (within ±1 of `total × w / Σw`).
 *
 * Tie-break (deterministic): leftover units go to the largest fractional remainders; equal
 * remainders go to the lower index. Negative totals are split as the negation of the positive
 * split, so a refund prorates exactly like the sale. Weights must be non-negative safe integers;
 * all-zero weights are only allowed for a zero total (nothing to distribute).
 */
export function allocate(total: number, weights: readonly number[]): Minor[] {
  const t = minor(total);
  if (weights.length === 0) {
    if (t === 0) return [];
    throw new MoneyError('invalid_weights', 'Cannot allocate a non-zero amount to zero weights');
  }
  let weightSum = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new MoneyError('invalid_weights', `Weights must be non-negative safe integers, got ${w}`);
    }
    weightSum += BigInt(w);
  }
  if (weightSum === 0n) {
    if (t === 0) return weights.map(() => minor(0));
    throw new MoneyError('invalid_weights', 'Cannot allocate a non-zero amount when all weights are zero');
  }
  if (t < 0) return allocate(-t, weights).map((v) => minor(-v));

  const bigTotal = BigInt(t);
  const parts: bigint[] = [];
  const remainders: { index: number; remainder: bigint }[] = [];
  let assigned = 0n;
  weights.forEach((w, index) => {
    const exact = bigTotal * BigInt(w);
    const floor = exact / weightSum;
    parts.push(floor);
    assigned += floor;
    remainders.push({ index, remainder: exact % weightSum });
  });
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  let leftover = Number(bigTotal - assigned); // < weights.length, so always small
  for (const { index } of remainders) {
    if (leftover === 0) break;
    parts[index] = parts[index]! + 1n;
    leftover--;
  }
  return parts.map((p) => minor(Number(p)));
}

/** `allocate` for a `Money` value; every part keeps the currency. */
export function allocateMoney(total: Money, weights: readonly number[]): Money[] {
  return allocate(total.amount, weights).map((amount) => ({ amount, currency: total.currency }));
}
