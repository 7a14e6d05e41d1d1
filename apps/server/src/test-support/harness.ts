import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import { DEMO, seedDemo } from '../demo/seed.js';
import { loadPinPepper } from '../platform/bootstrap.js';
import { ManualClock } from '../platform/clock.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { InProcessEventBus, type EventBus } from '../platform/events/index.js';
import { createMetrics } from '../platform/http/metrics.js';
import { simulatedTerminals } from '../modules/payments/index.js';
import type { DbTarget } from './test-db.js';

export interface Harness {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  /** The app's event bus (subscribe to observe published domain events). */
  events: EventBus;
  /** The simulated card terminal of each register (script outcomes with `.next(...)`). */
  terminals: ReturnType<typeof simulatedTerminals>;
  demo: { storeId: string; registerIds: string[]; orgId: string };
  /** Inject with JSON; `token` becomes a bearer header, `device` an X-Device-Token header. */
  req(opts: InjectOptions & { token?: string; device?: string; body?: unknown }): Promise<LightMyRequestResponse>;
  login(email?: string, password?: string): Promise<string>;
  pair(registerId?: string): Promise<string>;
  pinLogin(device: string, pin: string): Promise<LightMyRequestResponse>;
  count(table: string): Promise<number>;
}

export const START = new Date('2026-11-27T09:00:00.000Z');

/** Fresh database + demo data + app per suite. Rate limits are high so suites can log in freely. */
export function useHarness(
  target: DbTarget,
  opts: {
    rateLimits?: { loginPerMinute: number; pinPerMinute: number };
    /** Extra environment for the app's config, read when the app is built (e.g. a test SMTP server's port). */
    env?: () => Record<string, string>;
  } = {},
): Harness {
  const h = {} as Harness;
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const created = await target.create();
    cleanup = created.cleanup;
    const database = created.database;
    await migrateToLatest(database);
    const pepper = await loadPinPepper(database.db);
    const clock = new ManualClock(START);
    await seedDemo(database.db, clock, pepper);
    const events = new InProcessEventBus();
    const terminals = simulatedTerminals();
    const app = await buildApp({
      config: parseConfig({ LOG_LEVEL: 'silent', OPENTILL_WEB_DIR: '/nonexistent', ...opts.env?.() }),
      database,
      clock,
      metrics: createMetrics(),
      events,
      paymentTerminals: terminals,
      pinPepper: pepper,
      rateLimits: opts.rateLimits ?? { loginPerMinute: 10_000, pinPerMinute: 10_000 },
      logger: false,
    });
    await app.ready();
    const store = await database.db.selectFrom('stores').select(['id', 'org_id']).where('name', '=', DEMO.store).executeTakeFirstOrThrow();
    const registers = await database.db.selectFrom('registers').select('id').where('store_id', '=', store.id).orderBy('name').execute();
    Object.assign(h, {
      app,
      database,
      clock,
      events,
      terminals,
      demo: { storeId: store.id, orgId: store.org_id, registerIds: registers.map((r) => r.id) },
    });
  });

  afterAll(async () => {
    await h.app?.close();
    await cleanup();
  });

  h.req = ({ token, device, body, headers, ...rest }) =>
    h.app.inject({
      ...rest,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(device ? { 'x-device-token': device } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });

  h.login = async (email = DEMO.owner.email, password = DEMO.owner.password) => {
    const res = await h.req({ method: 'POST', url: '/api/v1/auth/login', body: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
    return res.json().token as string;
  };

  h.pair = async (registerId = h.demo.registerIds[0]!) => {
    const owner = await h.login();
    const code = await h.req({ method: 'POST', url: `/api/v1/registers/${registerId}/pairing-codes`, token: owner });
    if (code.statusCode !== 201) throw new Error(`pairing code failed: ${code.body}`);
    const paired = await h.req({ method: 'POST', url: '/api/v1/devices/pair', body: { code: code.json().code } });
    if (paired.statusCode !== 201) throw new Error(`pair failed: ${paired.body}`);
    return paired.json().deviceToken as string;
  };

  h.pinLogin = (device, pin) => h.req({ method: 'POST', url: '/api/v1/auth/pin-login', device, body: { pin } });

  h.count = async (table) => {
    const row = await h.database.db
      .selectFrom(table as 'users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return h;
}
