import { z } from 'zod';

/** Code pages every common ESC/POS printer has; cp858 (cp850 + €) is the default for EUR receipts. */
export const CODEPAGES = ['cp858', 'cp437', 'cp850', 'cp852', 'cp866', 'windows1252', 'iso8859-15'] as const;

// A hostname or IPv4/IPv6 literal; no scheme, path or port (the port has its own field).
const HOST =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const printerConfigBody = z.strictObject({
  host: z
    .string()
    .trim()
    .refine(
      (h) => HOST.test(h) || z.ipv4().safeParse(h).success || z.ipv6().safeParse(h).success,
      'a hostname or IP address, e.g. 192.168.1.50',
    ),
  port: z.number().int().min(1).max(65535).default(9100),
  width: z.union([z.literal(58), z.literal(80)]),
  codepage: z.enum(CODEPAGES).default('cp858'),
  autoPrint: z.boolean().default(true),
});
export type PrinterConfigInput = z.infer<typeof printerConfigBody>;

export const printBody = z.strictObject({ copy: z.boolean().optional() }).default({});
export const drawerBody = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .max(200)
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters')
      .optional(),
  })
  .default({});
