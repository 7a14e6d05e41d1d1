import { z } from 'zod';

export const eventsQuery = z.strictObject({
  storeId: z.uuid().optional(),
  /**
   * Answer with the `hello` event and close: a register's reachability check ("is the server there,
   * is my session still good?") that costs one request instead of an open stream.
   */
  once: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
