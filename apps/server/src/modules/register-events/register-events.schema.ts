import { z } from 'zod';

const uuid = z.uuid();
const minor = z.number().int().min(-1_000_000_000).max(1_000_000_000);

/** A cart line the cashier took out before payment: what was on it and who removed it. */
const lineRemovedPayload = z.strictObject({
  saleId: uuid,
  lineId: uuid,
  productId: uuid,
  variantId: uuid.nullable(),
  name: z.string().max(200),
  /** Milli-units on the line when it was removed. */
  qty: z.number().int().min(1).max(1_000_000_000),
  unitPrice: minor.nullable(),
  lineTotal: minor.nullable(),
  /** The cashier signed in on the register at the time (the session sending it may be a later one). */
  cashierName: z.string().min(1).max(120),
  cashierId: uuid.nullable(),
});

/** POST /registers/:id/audit-events — idempotent by the register's UUIDv7 `id`. */
export const registerEventBody = z.discriminatedUnion('type', [
  z.strictObject({
    id: uuid,
    type: z.literal('cart.line_removed'),
    /** When it happened on the register (it may arrive much later, from the offline outbox). */
    at: z.iso.datetime({ offset: false }),
    payload: lineRemovedPayload,
  }),
]);

export type RegisterEventBody = z.infer<typeof registerEventBody>;
