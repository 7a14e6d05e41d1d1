// The drawer count at shift close: how many of each note and coin, summed exactly in cents.
import { mulDivRound, sumMinor } from '@opentill/core';

/** Euro notes and coins in cents, largest first (the order a cashier counts the drawer in). */
export const EUR_NOTES = [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500] as const;
export const EUR_COINS = [200, 100, 50, 20, 10, 5, 2, 1] as const;
export const EUR_DENOMINATIONS: readonly number[] = [...EUR_NOTES, ...EUR_COINS];

/** The server accepts at most this many pieces of one denomination. */
export const MAX_PIECES = 1_000_000;

/** Denomination in cents → counted pieces. */
export type CashCount = Readonly<Record<number, number>>;

/** Value of `pieces` × `denomination`, exact (no float step). */
export function denominationValue(denomination: number, pieces: number): number {
  return mulDivRound(denomination, pieces, 1);
}

export function countTotal(count: CashCount): number {
  return sumMinor(Object.entries(count).map(([d, n]) => denominationValue(Number(d), n)));
}

/**
 * A count field's text → pieces. Empty means 0; anything but a whole number in range is refused
 * (null) rather than guessed, so a typo can never silently change the drawer total.
 */
export function parsePieces(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  if (!/^\d{1,7}$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_PIECES ? n : null;
}

/** The close request's `countedDenominations` (keys are cents as strings; zero counts left out). */
export function toDenominationsBody(count: CashCount): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [d, n] of Object.entries(count)) if (n > 0) out[d] = n;
  return out;
}

/** Fields as typed → the count, or the denominations whose text is not a valid number. */
export function readCount(fields: Readonly<Record<number, string>>): { count: CashCount; invalid: number[] } {
  const count: Record<number, number> = {};
  const invalid: number[] = [];
  for (const d of EUR_DENOMINATIONS) {
    const pieces = parsePieces(fields[d] ?? '');
    if (pieces === null) invalid.push(d);
    else count[d] = pieces;
  }
  return { count, invalid };
}

/** Counted − expected: positive is over (more cash than expected), negative short. */
export function overShort(counted: number, expected: number): { amount: number; kind: 'over' | 'short' | 'even' } {
  const amount = counted - expected;
  return { amount, kind: amount > 0 ? 'over' : amount < 0 ? 'short' : 'even' };
}

/** A denomination's label: whole euros without cents ("50 €"), coins with them ("0,50 €"). */
export function formatDenomination(denomination: number, currency: string, locale: string): string {
  const whole = denomination % 100 === 0;
  const decimal = whole ? String(denomination / 100) : `${Math.trunc(denomination / 100)}.${String(denomination % 100).padStart(2, '0')}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(
    decimal as Intl.StringNumericLiteral,
  );
}
