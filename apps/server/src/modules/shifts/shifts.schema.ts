import { z } from 'zod';
import { plainText } from '../stores/stores.schema.js';

/** 100 million in major units: beyond any drawer, well inside 2^53. */
const MAX_AMOUNT = 10_000_000_000;

export const openShiftBody = z.strictObject({
  /** Client-generated id: opening again with the same id returns the same shift. */
  id: z.uuid(),
  openingFloat: z.number().int('whole minor units (cents)').min(0).max(MAX_AMOUNT),
});

export const cashMovementBody = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['pay_in', 'pay_out', 'bank_deposit', 'tip_out']),
  amount: z.number().int('whole minor units (cents)').min(1, 'must be greater than 0').max(MAX_AMOUNT),
  reason: plainText(120).pipe(z.string().min(1, 'required')),
});

export const closeShiftBody = z
  .strictObject({
    /** Denomination in minor units → how many were counted, e.g. {"5000": 2, "200": 7}. */
    countedDenominations: z
      .record(z.string().regex(/^[1-9]\d{0,8}$/, 'denomination in minor units, e.g. "5000"'), z.number().int().min(0).max(1_000_000))
      .optional(),
    countedCash: z.number().int('whole minor units (cents)').min(0).max(MAX_AMOUNT).optional(),
  })
  .refine((b) => b.countedDenominations !== undefined || b.countedCash !== undefined, {
    message: 'send countedDenominations or countedCash',
    path: ['countedCash'],
  });
