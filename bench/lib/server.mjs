// Helpers to build, start and stop the OpenTill server for benchmarks.
/* global fetch, AbortSignal, clearTimeout -- Node 20 globals; eslint.config.js only declares a few for .mjs */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEMO_OWNER = { email: 'owner@example.com', password: 'opentill-demo' };

function runInherit(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    // stdout → our stderr so the benchmark table on stdout stays clean.
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', process.stderr, 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Build packages/core and apps/server if apps/server/dist/cli.js is missing. */
export async function ensureServerBuilt(root, log = console.error) {
  const cli = join(root, 'apps', 'server', 'dist', 'cli.js');
  if (existsSync(cli)) return cli;
  log('apps/server/dist/cli.js missing: building packages/core and apps/server …');
  await runInherit('npm', ['run', 'build', '-w', 'packages/core'], root);
  await runInherit('npm', ['run', 'build', '-w', 'apps/server'], root);
  if (!existsSync(cli)) throw new Error(`build finished but ${cli} does not exist`);
  return cli;
}

/** A free TCP port on 127.0.0.1 (tiny race window between close and reuse; fine for benchmarks). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start `node apps/server/dist/cli.js serve --demo` on 127.0.0.1:<free port> with a temporary data dir
 * (SQLite), or on `databaseUrl` (PostgreSQL); `nodeArgs` go to node itself (e.g. --cpu-prof).
 * Resolves once GET /readyz answers 200. Returns { baseUrl, port, dataDir, stop(), output(), exited() }.
 */
export async function startDemoServer({
  root,
  log = console.error,
  readyTimeoutMs = 60_000,
  env = {},
  databaseUrl,
  nodeArgs = [],
  cli: cliPath,
}) {
  // `cli`: another build of the server (e.g. a copy of apps/server/dist to compare two versions).
  const cli = cliPath ?? (await ensureServerBuilt(root, log));
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'opentill-bench-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = [cli, 'serve', '--demo', '--port', String(port), '--data-dir', dataDir, '--host', '127.0.0.1'];
  if (databaseUrl) args.push('--database-url', databaseUrl);
  const childEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  // Never let a developer's DATABASE_URL point the benchmark server at a real database: only an
  // explicitly passed databaseUrl is used.
  delete childEnv.DATABASE_URL;
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
  return { baseUrl, port, pid: child.pid, dataDir, stop, output: () => out, exited: () => exited };
}

/** POST /api/v1/auth/login and return the session token. */
export async function login(baseUrl, { email, password } = DEMO_OWNER) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`login as ${email} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  const token = JSON.parse(text).token;
  if (typeof token !== 'string' || !token)
    throw new Error(`login response has no token: ${text.slice(0, 300)}`);
  return token;
}
