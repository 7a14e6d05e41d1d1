// Database plumbing for bench/checkout.bench.mjs: a throw-away PostgreSQL database for the real CLI
// server (started with startDemoServer from ./server.mjs), plus a small JSON client for set-up requests.
/* global fetch, AbortSignal -- Node 20 globals; eslint.config.js only declares a few for .mjs */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server to benchmark against (an admin URL), or undefined. */
export function postgresAdminUrl() {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

/**
 * Creates `opentill_bench_<random>` on the server of `adminUrl`; returns { url, drop() }.
 * drop() terminates leftover connections and removes the database.
 */
export async function createBenchDatabase(adminUrl, log = console.error) {
  const name = `opentill_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  log(`created PostgreSQL database ${name} on ${u.host}`);
  return {
    name,
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        log(`dropped PostgreSQL database ${name}`);
      } finally {
        await c.end();
      }
    },
  };
}

/** JSON request helper for set-up calls; throws unless the status is one of `expect`. */
export async function api(baseUrl, method, path, { token, device, body, expect = [200, 201] } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (device) headers['x-device-token'] = device;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!expect.includes(res.status))
    throw new Error(`${method} ${path} → HTTP ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}
