import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('configuration from the environment', () => {
  it('runs with no configuration at all: port 3000, SQLite under ./data', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './data', databaseUrl: undefined, logLevel: 'info', autoMigrate: true, tls: undefined });
  });

  it('takes PostgreSQL from DATABASE_URL and the other documented variables', () => {
    const c = parseConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/till', LOG_LEVEL: 'warn', OPENTILL_DATA_DIR: '/var/lib/opentill', OPENTILL_AUTO_MIGRATE: 'false' });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db:5432/till', logLevel: 'warn', dataDir: '/var/lib/opentill', autoMigrate: false });
  });

  it('stops with a message naming every bad variable', () => {
    expect(() => parseConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/LOG_LEVEL/);
      expect((err as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('needs the TLS certificate and key together', () => {
    expect(() => parseConfig({ OPENTILL_TLS_CERT: '/x.crt' })).toThrow(/OPENTILL_TLS_KEY/);
  });
});
