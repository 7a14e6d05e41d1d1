import { z } from 'zod';

/** One mailbox, no display name or list: what a customer types at the till. */
export const emailBody = z.strictObject({
  to: z.string().trim().max(254).pipe(z.email('not a valid email address, e.g. name@example.com')),
});

/** E.164 (+ country code, 7–15 digits); spaces, dashes and brackets typed at the till are dropped. */
export const smsBody = z.strictObject({
  to: z
    .string()
    .max(32)
    .transform((v) => v.replace(/[\s\-()/]/g, ''))
    .pipe(
      z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'not a valid phone number: international format, e.g. +4915112345678'),
    ),
});
