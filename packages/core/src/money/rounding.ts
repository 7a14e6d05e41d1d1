import { MoneyError } from './money-error.js';

/**
 * Rounding modes for integer division. "half" modes only differ on exact halves.
 *
 * - `half_up`: ties away from zero. This is German "kaufmännisches Runden" (…4 down, …5 up); it is
 *   symmetric, so a refund (negative amount) rounds to exactly the negated sale amount.
 * - `half_down`: ties toward zero.
 * - `half_even`: ties to the even neighbour (banker's rounding).
 * - `up`: away from zero; `down`: toward zero (truncate); `ceil`: toward +∞; `floor`: toward −∞.
 */
export type RoundingMode = 'half_up' | 'half_down' | 'half_even' | 'up' | 'down' | 'ceil' | 'floor';

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** Divides two bigints with the given rounding mode (no floating point involved). */
export function divRound(numerator: bigint, denominator: bigint, mode: RoundingMode = 'half_up'): bigint {
  if (denominator === 0n) throw new MoneyError('division_by_zero', 'Division by zero');
  // Normalise so the denominator is positive; the sign lives in the numerator.
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const q = numerator / denominator; // truncates toward zero
  const r = numerator % denominator; // same sign as numerator
  if (r === 0n) return q;
  const sign = numerator < 0n ? -1n : 1n;
  const away = q + sign;
  const twice = abs(r) * 2n;
  switch (mode) {
    case 'down':
      return q;
    case 'up':
      return away;
    case 'ceil':
      return sign > 0n ? away : q;
    case 'floor':
      return sign < 0n ? away : q;
    case 'half_up':
      return twice >= denominator ? away : q;
    case 'half_down':
      return twice > denominator ? away : q;
    case 'half_even':
      if (twice > denominator) return away;
      if (twice < denominator) return q;
      return q % 2n === 0n ? q : away;
  }
}

/** Converts a bigint result back to a number, refusing anything outside the safe-integer range. */
export function toSafeNumber(value: bigint, what = 'result'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError('unsafe_integer', `${what} ${value} exceeds the safe integer range`);
  }
  return Number(value);
}

function assertSafeInt(value: number, what: string): void {
  if (!Number.isInteger(value))
    throw new MoneyError('not_integer', `${what} must be an integer, got ${value}`);
  if (!Number.isSafeInteger(value))
    throw new MoneyError('unsafe_integer', `${what} ${value} is not a safe integer`);
}

/**
 * `round(a × b / c)` computed exactly with BigInt, so the intermediate product may exceed 2^53.
 * Used for every "amount × rate" operation (VAT, percentages, quantities).
 */
export function mulDivRound(a: number, b: number, c: number, mode: RoundingMode = 'half_up'): number {
  assertSafeInt(a, 'a');
  assertSafeInt(b, 'b');
  assertSafeInt(c, 'c');
  return toSafeNumber(divRound(BigInt(a) * BigInt(b), BigInt(c), mode));
}

/** Rounds an integer to the nearest multiple of `increment` (e.g. 5 Rappen) with the given mode. */
export function roundToIncrement(amount: number, increment: number, mode: RoundingMode = 'half_up'): number {
  assertSafeInt(amount, 'amount');
  assertSafeInt(increment, 'increment');
  if (increment <= 0) throw new MoneyError('division_by_zero', 'increment must be positive');
  return mulDivRound(mulDivRound(amount, 1, increment, mode), increment, 1);
}
