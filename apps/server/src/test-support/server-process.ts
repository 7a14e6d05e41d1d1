import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test-only: the real CLI server (`opentill serve --demo`) as a child process that suites can SIGKILL
 * and restart on the same database (durability, checkout crash).
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function newestMtime(dir: string, keep: (file: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, keep));
    else if (keep(full)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const isSource = (f: string) =>
  f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes(`${path.sep}test-support${path.sep}`);

/** The built CLI when dist is at least as new as the sources; otherwise the sources through tsx. */
function serverCommand(scratch: string): { args: string[]; env: Record<string, string> } {
  const fresh = (dist: string, src: string) =>
    existsSync(path.join(ROOT, dist)) &&
    statSync(path.join(ROOT, dist)).mtimeMs >= newestMtime(path.join(ROOT, src), isSource);
  if (
    fresh('apps/server/dist/cli.js', 'apps/server/src') &&
    fresh('packages/core/dist/index.js', 'packages/core/src')
  ) {
    return { args: [path.join(ROOT, 'apps/server/dist/cli.js')], env: {} };
  }
  mkdirSync(scratch, { recursive: true });
  const tsconfig = path.join(scratch, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.base.json'),
      compilerOptions: { paths: { '@opentill/core': [path.join(ROOT, 'packages/core/src/index.ts')] } },
    }),
  );
  return {
    args: ['--import', 'tsx', path.join(ROOT, 'apps/server/src/cli.ts')],
    env: { TSX_TSCONFIG_PATH: tsconfig },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** Which binary ran: the built CLI or the sources through tsx. */
  mode: 'dist' | 'tsx';
}

/** Every server child this module started (the suites SIGKILL leftovers in afterAll). */
export const serverChildren = new Set<ChildProcess>();

/**
 * `opentill serve --demo` on 127.0.0.1 and a free port, on the SQLite file in `dataDir` or on
 * PostgreSQL at `databaseUrl`; resolves once /readyz answers 200.
 */
export async function startServerProcess(opts: {
  dataDir: string;
  scratch: string;
  databaseUrl?: string | undefined;
}): Promise<ServerProcess> {
  const command = serverCommand(opts.scratch);
  const port = await freePort();
  const args = [
    ...command.args,
    'serve',
    '--demo',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data-dir',
    opts.dataDir,
  ];
  if (opts.databaseUrl) args.push('--database-url', opts.databaseUrl);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...command.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      OPENTILL_WEB_DIR: path.join(opts.scratch, 'no-web'),
      OPENTILL_LOGIN_RATE_LIMIT: '10000',
      OPENTILL_PIN_RATE_LIMIT: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serverChildren.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      serverChildren.delete(child);
      resolve({ code, signal });
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited before ready:\n${output}`);
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base, exited, output: () => output, mode: command.env.TSX_TSCONFIG_PATH ? 'tsx' : 'dist' };
}
