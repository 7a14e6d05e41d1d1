import { allocate, minor, mulDivRound, type Minor, type RoundingMode } from '../money/index.js';
import { BP_ONE, taxRateBp, type TaxRateBp } from './tax-rates.js';
import { TaxError } from './tax-error.js';

/** `gross`: prices include VAT (B2C in the EU, PAngV in DE). `net`: tax is added on top (US sales tax, B2B). */
export type PriceMode = 'gross' | 'net';

/**
 * How VAT is rounded for a receipt. German law prescribes no algorithm, only tax "to the cent"
 * with commercial rounding, applied traceably and consistently; both methods are accepted and
 * § 14 Abs. 4 Nr. 8 UStG requires the tax shown per rate.
 *
 * - `per_receipt` (default, "the German method"): sum the amounts per rate first, round once per
 *   rate. Gross mode: `net = round(gross × 10000 / (10000 + rateBp))`, `tax = gross − net`, so
 *   net + tax is exactly the printed gross. Net mode: `tax = round(net × rateBp / 10000)`.
 * - `per_line`: the same formulas per line, then the rounded line values are summed per rate.
 *
 * Rounding is half-up (ties away from zero) unless `roundingMode` says otherwise.
 */
export type VatRoundingMode = 'per_receipt' | 'per_line';

export interface TaxableAmount {
  /** Line amount in the receipt's price mode (gross in `gross` mode, net in `net` mode). */
  readonly amount: number;
  readonly rateBp: number;
}

export interface VatLine {
  readonly gross: Minor;
  readonly net: Minor;
  readonly tax: Minor;
}

export interface VatRateTotal extends VatLine {
  /** Receipt letter, A = highest rate, B = next, … (0 % gets the last letter). */
  readonly letter: string;
  readonly rateBp: TaxRateBp;
}

export interface VatBreakdown extends VatLine {
  /** One entry per distinct rate, highest rate first. */
  readonly rates: VatRateTotal[];
  /**
   * Per input line, in input order. They always sum to the per-rate totals. With `per_receipt`
   * they are the receipt tax prorated to lines (each line's own rounded tax, with the per-rate
   * rounding difference spread by largest remainder): useful for reporting, but the per-rate
   * figures are the ones printed (DSFinV-K keeps both and never derives one from the other).
   */
  readonly lines: VatLine[];
}

export interface VatOptions {
  readonly priceMode: PriceMode;
  readonly rounding?: VatRoundingMode;
  readonly roundingMode?: RoundingMode;
}

/** Net part of a tax-inclusive amount: round(gross × 10000 / (10000 + rate)). */
export function netFromGross(gross: number, rateBp: number, mode: RoundingMode = 'half_up'): Minor {
  return minor(mulDivRound(gross, BP_ONE, BP_ONE + taxRateBp(rateBp), mode));
}

/** Tax on a tax-exclusive amount: round(net × rate / 10000). */
export function taxFromNet(net: number, rateBp: number, mode: RoundingMode = 'half_up'): Minor {
  return minor(mulDivRound(net, taxRateBp(rateBp), BP_ONE, mode));
}

function splitOne(amount: number, rateBp: number, priceMode: PriceMode, mode: RoundingMode): VatLine {
  if (priceMode === 'gross') {
    const net = netFromGross(amount, rateBp, mode);
    return { gross: minor(amount), net, tax: minor(amount - net) };
  }
  const tax = taxFromNet(amount, rateBp, mode);
  return { gross: minor(amount + tax), net: minor(amount), tax };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** VAT breakdown for a whole receipt; the parts always sum exactly to the totals. */
export function computeVat(lines: readonly TaxableAmount[], options: VatOptions): VatBreakdown {
  const rounding = options.rounding ?? 'per_receipt';
  const mode = options.roundingMode ?? 'half_up';
  lines.forEach((l) => {
    taxRateBp(l.rateBp);
    if (!Number.isSafeInteger(l.amount))
      throw new TaxError('invalid_amount', `Amount must be a safe integer, got ${l.amount}`);
  });

  // Each line's own rounded split is the per_line result and the starting point for per_receipt.
  const own = lines.map((l) => splitOne(l.amount, l.rateBp, options.priceMode, mode));
  const rates = [...new Set(lines.map((l) => l.rateBp))].sort((a, b) => b - a);
  const lineOut: VatLine[] = [...own];
  const rateOut: VatRateTotal[] = rates.map((rateBp, i) => {
    const idx = lines.flatMap((l, j) => (l.rateBp === rateBp ? [j] : []));
    let total: VatLine;
    if (rounding === 'per_line') {
      total = idx.reduce<VatLine>(
        (acc, j) => ({
          gross: minor(acc.gross + own[j]!.gross),
          net: minor(acc.net + own[j]!.net),
          tax: minor(acc.tax + own[j]!.tax),
        }),
        { gross: minor(0), net: minor(0), tax: minor(0) },
      );
    } else {
      const amount = idx.reduce((acc, j) => acc + lines[j]!.amount, 0);
      total = splitOne(amount, rateBp, options.priceMode, mode);
      // Spread the per-rate rounding difference over the lines so line values still add up.
      const lineTaxSum = idx.reduce((acc, j) => acc + own[j]!.tax, 0);
      const weights = idx.map((j) => Math.abs(lines[j]!.amount));
      const diff = total.tax - lineTaxSum;
      const shares = weights.some((w) => w > 0) ? allocate(diff, weights) : idx.map(() => 0);
      idx.forEach((j, k) => {
        const tax = minor(own[j]!.tax + shares[k]!);
        const base = own[j]!;
        lineOut[j] =
          options.priceMode === 'gross'
            ? { gross: base.gross, net: minor(base.gross - tax), tax }
            : { gross: minor(base.net + tax), net: base.net, tax };
      });
    }
    return { letter: LETTERS[i] ?? `R${i + 1}`, rateBp: rateBp as TaxRateBp, ...total };
  });

  const sumOf = (key: keyof VatLine): Minor => minor(rateOut.reduce((acc, r) => acc + r[key], 0));
  return { rates: rateOut, gross: sumOf('gross'), net: sumOf('net'), tax: sumOf('tax'), lines: lineOut };
}
