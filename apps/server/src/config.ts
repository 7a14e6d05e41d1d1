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
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  OPENTILL_AUTO_MIGRATE: booleanFromEnv.default(true),
  OPENTILL_TLS_CERT: z.string().min(1).optional(),
  OPENTILL_TLS_KEY: z.string().min(1).optional(),
  OPENTILL_PUBLIC_URL: z.string().url().optional(),
  OPENTILL_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  OPENTILL_WEB_DIR: z.string().min(1).optional(),
  OPENTILL_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  OPENTILL_PIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: (typeof LOG_LEVELS)[number];
  autoMigrate: boolean;
  tls: { certFile: string; keyFile: string } | undefined;
  publicUrl: string | undefined;
  sessionTtlMs: number;
  webDir: string | undefined;
  /** Attempts per minute and client address on the login and PIN/pairing endpoints. */
  rateLimits: { loginPerMinute: number; pinPerMinute: number };
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
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
  };
}
