import { minor, roundToIncrement, type Minor, type RoundingMode } from '../money/index.js';
import { TaxError } from './tax-error.js';

/**
 * Cash ("Swedish") rounding: only the total of a cash payment is rounded to the smallest coin,
 * never lines, and card/invoice payments stay exact. The difference is stored as its own signed
 * amount on the receipt.
 */
export interface CashRoundingConfig {
  /** Rounding step in minor units (5 = 0.05). */
  readonly increment: number;
  /**
   * Default `half_up`: nearest multiple; an exact half (only possible with an even increment,
   * e.g. DKK 0.50 → 0.25) goes away from zero, so a cash refund rounds to exactly the negated
   * sale. With increment 5 there are no exact halves: remainders 1–2 go down, 3–4 up.
   */
  readonly mode?: RoundingMode;
}

/**
 * Per-country rules (in the country's currency). `null` = no cash rounding.
 * - DE, AT: none (Germany has no cash rounding).
 * - CH: 5 Rappen, the smallest coin since 1 Rappen stopped being legal tender in 2007.
 * - BE: mandatory since 1.12.2019 (…1,2 → 0; …3,4 → 5; …6,7 → 5; …8,9 → 10).
 * - NL, FI (by law since 2002), EE (from 1.1.2025, incl. cash refunds): 0.05.
 * - DK: 0.50 DKK; SE: whole krona.
 */
export const COUNTRY_CASH_ROUNDING: Readonly<Record<string, CashRoundingConfig | null>> = {
  DE: null,
  AT: null,
  FR: null,
  US: null,
  CH: { increment: 5 },
  BE: { increment: 5 },
  NL: { increment: 5 },
  FI: { increment: 5 },
  EE: { increment: 5 },
  DK: { increment: 50 },
  SE: { increment: 100 },
};

export function cashRoundingFor(country: string): CashRoundingConfig | null {
  return COUNTRY_CASH_ROUNDING[country.toUpperCase()] ?? null;
}

export interface CashRoundingResult {
  /** The amount to collect in cash. */
  readonly amount: Minor;
  /** `amount − original`: positive when the customer pays more, negative when less. */
  readonly adjustment: Minor;
}

/** Rounds a cash-paid amount; with no config (e.g. Germany) the amount is returned unchanged. */
export function roundCash(amount: number, config: CashRoundingConfig | null | undefined): CashRoundingResult {
  const original = minor(amount);
  if (!config || config.increment === 1) return { amount: original, adjustment: minor(0) };
  if (!Number.isSafeInteger(config.increment) || config.increment <= 0) {
    throw new TaxError(
      'invalid_increment',
      `Cash rounding increment must be a positive integer, got ${config.increment}`,
    );
  }
  const rounded = minor(roundToIncrement(original, config.increment, config.mode ?? 'half_up'));
  return { amount: rounded, adjustment: minor(rounded - original) };
}
