import { z } from 'zod';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters');

export const addressSchema = z.strictObject({
  line1: plainText(200),
  line2: plainText(200).default(''),
  postalCode: plainText(20),
  city: plainText(100),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. DE'),
});

export const storeBody = z.strictObject({
  name: plainText(120).pipe(z.string().min(1, 'required')),
  address: addressSchema,
  taxIds: z.strictObject({ vatId: plainText(30).default(''), taxNumber: plainText(30).default('') }).default({ vatId: '', taxNumber: '' }),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 currency code, e.g. EUR'),
  timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone'),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'BCP 47 locale such as de-DE'),
});

export const storePatch = storeBody.partial();
export const registerBody = z.strictObject({ name: plainText(60).pipe(z.string().min(1, 'required')) });
export const noSaleBody = z.strictObject({ reason: plainText(200).optional() });
export const idParams = z.strictObject({ id: z.uuid() });
export { plainText };
