// Server and database plumbing for bench/checkout.bench.mjs: the real CLI server on SQLite or on a
// throw-away PostgreSQL database, plus a small JSON client for the set-up requests.
/* global fetch, AbortSignal, clearTimeout -- Node 20 globals; eslint.config.js only declares a few for .mjs */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ensureServerBuilt, freePort } from './server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

/**
 * `node apps/server/dist/cli.js serve --demo` on 127.0.0.1:<free port>, on a temporary SQLite data dir
 * or on `databaseUrl`; `nodeArgs` go to node itself (e.g. --cpu-prof). Resolves when /readyz answers 200. Returns { baseUrl, port, dataDir, stop(), output() }.
 * (bench/lib/server.mjs's startDemoServer always uses SQLite; this one also takes --database-url.)
 */
export async function startServer({
  root,
  log = console.error,
  databaseUrl,
  env = {},
  nodeArgs = [],
  readyTimeoutMs = 60_000,
}) {
  const cli = await ensureServerBuilt(root, log);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'opentill-bench-checkout-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [cli, 'serve', '--demo', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir];
  if (databaseUrl) args.push('--database-url', databaseUrl);
  const childEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  delete childEnv.DATABASE_URL; // only what we pass explicitly
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk) => {
    out += chunk;
    if (out.length > 64_000) out = out.slice(-32_000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const cleanupDir = () => rmSync(dataDir, { recursive: true, force: true });
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    }
    cleanupDir();
  };
  const shown = ['node', ...args.map((a) => a.replace(root + '/', ''))]
    .join(' ')
    .replace(/(postgres(?:ql)?:\/\/[^:@/]*:)[^@]*@/, '$1***@');
  log(`starting ${shown}`);
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      cleanupDir();
      throw new Error(`server exited early (${JSON.stringify(exited)}). Output:\n${out}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not ready within ${readyTimeoutMs} ms. Output:\n${out}`);
    }
    await sleep(200);
  }
  return { baseUrl, port, dataDir, stop, output: () => out, exited: () => exited };
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
