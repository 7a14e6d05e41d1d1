import path from 'node:path';
import type { Config } from './config.js';
import { DEMO, ensureOrganization, roleId, seedDemo } from './demo/seed.js';
import { createUser, setPassword } from './modules/access/index.js';
import { loadPinPepper } from './platform/bootstrap.js';
import { systemClock } from './platform/clock.js';
import { systemContext } from './platform/context.js';
import { createDatabase, type Database } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { AppError } from './platform/errors.js';
import { createLocalCertificates, defaultLanHosts } from './platform/tls/index.js';
import { startServer } from './server.js';

const BUILTIN = ['owner', 'admin', 'manager', 'cashier'] as const;

async function withDatabase<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(database);
    return await fn(database);
  } finally {
    await database.destroy();
  }
}

function printDemo(url: string): void {
  console.log(`
  OpenTill demo is running at ${url}

  Back office   ${url}/backoffice   ${DEMO.owner.email} / ${DEMO.owner.password}
  Register      ${url}/register     pair it in the back office (Devices), then PIN
                ${DEMO.manager.name} (manager) PIN ${DEMO.manager.pin}, ${DEMO.cashier.name} (cashier) PIN ${DEMO.cashier.pin}
  API docs      ${url}/api/docs
`);
}

export async function runServe(config: Config, opts: { migrate: boolean; demo: boolean }): Promise<number> {
  let seeded = false;
  const server = await startServer(config, {
    migrate: opts.migrate,
    onReady: async (database, pepper) => {
      if (opts.demo) seeded = (await seedDemo(database.db, systemClock, pepper)).seeded;
    },
  });
  server.app.log.info({ url: server.url, database: server.database.dialect, location: server.database.location }, 'OpenTill listening');
  if (opts.demo) printDemo(server.url);
  if (seeded) server.app.log.info('demo data created');

  // Graceful shutdown: stop accepting, let in-flight requests finish, then close the database.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return -1;
}

export async function runMigrate(config: Config): Promise<number> {
  const database = createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const { applied } = await migrateToLatest(database);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date');
    console.log(`Database: ${database.location}`);
    return 0;
  } finally {
    await database.destroy();
  }
}

export async function runSeed(config: Config): Promise<number> {
  return withDatabase(config, async (database) => {
    const pepper = await loadPinPepper(database.db);
    const { seeded } = await seedDemo(database.db, systemClock, pepper);
    console.log(seeded ? `Demo data created in ${database.location}` : 'The database already has users; demo data was not added.');
    return seeded ? 0 : 1;
  });
}

function explain(err: unknown): never {
  if (err instanceof AppError) {
    const field = (err.details as { field?: string } | undefined)?.field;
    throw new Error(`${err.message}${field ? ` (${field})` : ''}`);
  }
  throw err;
}

export async function runUserCommand(config: Config, sub: 'create' | 'reset-password', values: Record<string, unknown>): Promise<number> {
  const email = typeof values.email === 'string' ? values.email.trim().toLowerCase() : undefined;
  const password = (values.password as string | undefined) ?? process.env.OPENTILL_PASSWORD;
  return withDatabase(config, async (database) => {
    const pepper = await loadPinPepper(database.db);
    const orgId = await ensureOrganization(database.db, systemClock);
    const ctx = systemContext(database.db, systemClock, orgId);
    if (sub === 'reset-password') {
      if (!email || !password) throw new Error('reset-password needs --email and --password (or OPENTILL_PASSWORD)');
      const user = await database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (!user) throw new Error(`No user with e-mail ${email}`);
      if (password.length < 10) throw new Error('Password must have at least 10 characters');
      await setPassword(ctx, user.id, password, { pepper, trusted: true }).catch(explain);
      console.log(`Password of ${email} changed; their sessions were ended.`);
      return 0;
    }
    const role = values.role as string | undefined;
    if (!role || !(BUILTIN as readonly string[]).includes(role)) throw new Error(`--role must be one of ${BUILTIN.join(', ')}`);
    if (typeof values.name !== 'string' || !values.name.trim()) throw new Error('--name is required');
    if (password !== undefined && password.length < 10) throw new Error('Password must have at least 10 characters');
    const pin = values.pin as string | undefined;
    if (pin !== undefined && !/^\d{4,6}$/.test(pin)) throw new Error('--pin must be 4 to 6 digits');
    const stores = (values.store as string[] | undefined) ?? [];
    const allStores = role === 'owner' || role === 'admin';
    const user = await createUser(
      ctx,
      {
        name: values.name.trim(),
        ...(email && { email }),
        ...(password && { password }),
        ...(pin && { pin }),
        roleId: await roleId(database.db, orgId, role as (typeof BUILTIN)[number]),
        allStores,
        storeIds: allStores ? [] : stores,
      },
      { pepper, trusted: true },
    ).catch(explain);
    console.log(`Created ${user.role} ${user.name}${user.email ? ` <${user.email}>` : ''} (${user.id})`);
    return 0;
  });
}

export async function runCertCommand(config: Config, values: Record<string, unknown>): Promise<number> {
  const outDir = path.resolve((values.out as string | undefined) ?? path.join(config.dataDir, 'tls'));
  const hosts = [...defaultLanHosts(), ...((values.host as string[] | undefined) ?? [])];
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 397)) throw new Error('--days must be 1 to 397');
  const certs = createLocalCertificates({ outDir, hosts, ...(days ? { days } : {}) });
  console.log(`${certs.caCreated ? 'Created a new' : 'Reused the'} local CA: ${certs.caCertPath}
  SHA-256 ${certs.caFingerprint256}
Server certificate: ${certs.certPath} (valid until ${certs.validTo.toISOString().slice(0, 10)})
  for ${[...certs.dnsNames, ...certs.ipAddresses].join(', ')}

Install ca.crt as a trusted root on each register device, then start OpenTill with:
  OPENTILL_TLS_CERT=${certs.certPath} OPENTILL_TLS_KEY=${certs.keyPath} npx opentill serve`);
  return 0;
}
