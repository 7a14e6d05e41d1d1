import { z } from 'zod';

/**
 * Configuration is read from the environment exactly once at start and validated; a bad value stops
 * the process with a message naming the variable (see README "Configuration").
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  OPENTILL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  OPENTILL_PG_PREPARED_STATEMENTS: booleanFromEnv.default(true),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  OPENTILL_AUTO_MIGRATE: booleanFromEnv.default(true),
  OPENTILL_TLS_CERT: z.string().min(1).optional(),
  OPENTILL_TLS_KEY: z.string().min(1).optional(),
  OPENTILL_PUBLIC_URL: z.string().url().optional(),
  OPENTILL_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  OPENTILL_WEB_DIR: z.string().min(1).optional(),
  OPENTILL_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  OPENTILL_PIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  // Email receipts (SMTP). Without a host, emailing a receipt answers 503 email_not_configured.
  OPENTILL_SMTP_HOST: z.string().min(1).optional(),
  OPENTILL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when offered. */
  OPENTILL_SMTP_SECURE: booleanFromEnv.default(false),
  /** Refuse to send without STARTTLS (on a non-secure port). */
  OPENTILL_SMTP_REQUIRE_TLS: booleanFromEnv.default(false),
  OPENTILL_SMTP_USER: z.string().min(1).optional(),
  OPENTILL_SMTP_PASSWORD: z.string().min(1).optional(),
  OPENTILL_SMTP_FROM: z.string().min(3).optional(),
  // SMS receipts through a generic JSON webhook (POST { to, text, url }).
  OPENTILL_SMS_WEBHOOK_URL: z.string().url().optional(),
  /** Sent verbatim as the Authorization header, e.g. "Bearer abc". */
  OPENTILL_SMS_WEBHOOK_AUTH: z.string().min(1).optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** PostgreSQL: hot-path statements as named prepared statements (off behind an old transaction pooler). */
  pgPreparedStatements: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  autoMigrate: boolean;
  tls: { certFile: string; keyFile: string } | undefined;
  publicUrl: string | undefined;
  sessionTtlMs: number;
  webDir: string | undefined;
  /** Attempts per minute and client address on the login and PIN/pairing endpoints. */
  rateLimits: { loginPerMinute: number; pinPerMinute: number };
  /** SMTP for email receipts (absent: email receipts are unavailable). */
  smtp: SmtpConfig | undefined;
  /** SMS provider webhook (absent: SMS receipts are unavailable). */
  sms: { webhookUrl: string; authorization: string | undefined } | undefined;
};

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  auth: { user: string; pass: string } | undefined;
  from: string;
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.OPENTILL_SMTP_HOST && !e.OPENTILL_SMTP_FROM) {
    throw new ConfigError('Invalid configuration:\n  OPENTILL_SMTP_FROM is required with OPENTILL_SMTP_HOST');
  }
  if (Boolean(e.OPENTILL_SMTP_USER) !== Boolean(e.OPENTILL_SMTP_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  OPENTILL_SMTP_USER and OPENTILL_SMTP_PASSWORD must be set together');
  }
  if (Boolean(e.OPENTILL_TLS_CERT) !== Boolean(e.OPENTILL_TLS_KEY)) {
    throw new ConfigError(
      'Invalid configuration:\n  OPENTILL_TLS_CERT and OPENTILL_TLS_KEY must be set together',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.OPENTILL_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    pgPreparedStatements: e.OPENTILL_PG_PREPARED_STATEMENTS,
    logLevel: e.LOG_LEVEL,
    autoMigrate: e.OPENTILL_AUTO_MIGRATE,
    tls:
      e.OPENTILL_TLS_CERT && e.OPENTILL_TLS_KEY
        ? { certFile: e.OPENTILL_TLS_CERT, keyFile: e.OPENTILL_TLS_KEY }
        : undefined,
    publicUrl: e.OPENTILL_PUBLIC_URL,
    sessionTtlMs: e.OPENTILL_SESSION_TTL_HOURS * 3600_000,
    webDir: e.OPENTILL_WEB_DIR,
    rateLimits: { loginPerMinute: e.OPENTILL_LOGIN_RATE_LIMIT, pinPerMinute: e.OPENTILL_PIN_RATE_LIMIT },
    smtp:
      e.OPENTILL_SMTP_HOST && e.OPENTILL_SMTP_FROM
        ? {
            host: e.OPENTILL_SMTP_HOST,
            port: e.OPENTILL_SMTP_PORT,
            secure: e.OPENTILL_SMTP_SECURE,
            requireTls: e.OPENTILL_SMTP_REQUIRE_TLS,
            auth: e.OPENTILL_SMTP_USER && e.OPENTILL_SMTP_PASSWORD ? { user: e.OPENTILL_SMTP_USER, pass: e.OPENTILL_SMTP_PASSWORD } : undefined,
            from: e.OPENTILL_SMTP_FROM,
          }
        : undefined,
    sms: e.OPENTILL_SMS_WEBHOOK_URL ? { webhookUrl: e.OPENTILL_SMS_WEBHOOK_URL, authorization: e.OPENTILL_SMS_WEBHOOK_AUTH } : undefined,
  };
}
