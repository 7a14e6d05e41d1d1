import { z } from 'zod';
import { plainText } from '../stores/stores.schema.js';

const MAX_QTY_MILLI = 1_000_000_000_000; // a billion units: far beyond any real stock, well inside 2^53

export const stockQuery = z.strictObject({
  productId: z.uuid().optional(),
  cursor: z
    .string()
    .regex(/^[0-9a-f-]{36}~([0-9a-f-]{36})?$/i, 'cursor from a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const movementsQuery = z.strictObject({
  productId: z.uuid().optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const adjustmentBody = z.strictObject({
  /** Client-generated id: sending the same adjustment again changes nothing. */
  id: z.uuid(),
  lines: z
    .array(
      z.strictObject({
        productId: z.uuid(),
        variantId: z.uuid().optional(),
        qtyMilli: z
          .number()
          .int('whole milli-units')
          .min(-MAX_QTY_MILLI)
          .max(MAX_QTY_MILLI)
          .refine((v) => v !== 0, 'must not be 0'),
        reason: plainText(200).pipe(z.string().min(1, 'required')),
      }),
    )
    .min(1)
    .max(500),
});

export const stockPolicyBody = z.strictObject({ negativeStock: z.enum(['allow', 'block']) });

export type AdjustmentInput = z.infer<typeof adjustmentBody>;
