import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { uuidv7 } from '@opentill/core';

/**
 * Test-only helpers for the checkout load suites (checkout-concurrency.test.ts, checkout-crash.test.ts):
 * a seeded random source, the five demo items every client sells, sale bodies as a register builds them
 * (client UUIDv7 ids, its own register sequence, cash paid exactly) and a real server process that can
 * be SIGKILLed and restarted on the same database.
 */

/** Five plain demo breads: reduced VAT, no promotion, no deposit, sold by the piece. */
export const LOAD_SKUS = [
  'BROT-ROGGEN',
  'BROT-DINKEL',
  'BROT-SAUER',
  'BROT-KARTOFFEL',
  'BROT-BAGUETTE',
] as const;

/** Every item starts with this many milli-units (50 000 pieces): far more than any run sells. */
export const START_STOCK_MILLI = 50_000_000;

/** mulberry32: small, fast, deterministic (a failing run can be replayed with its seed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BasketLine {
  productId: string;
  qty: number;
}
export interface Basket {
  lines: BasketLine[];
  /** The server's payable total (from /pricing/quote). */
  total: number;
}

/**
 * Twelve fixed baskets over the five items (1–4 lines, 1–3 pieces each), so each distinct basket is
 * priced once with /pricing/quote and every sale reuses one of them.
 */
export function basketShapes(productIds: readonly string[]): BasketLine[][] {
  const random = seededRandom(4242);
  const shapes: BasketLine[][] = productIds.map((productId) => [{ productId, qty: 1000 }]);
  while (shapes.length < 12) {
    const count = 2 + Math.floor(random() * 3);
    const picked = [...productIds].sort(() => random() - 0.5).slice(0, count);
    shapes.push(picked.map((productId) => ({ productId, qty: (1 + Math.floor(random() * 3)) * 1000 })));
  }
  return shapes;
}

export interface SaleRequest {
  body: {
    id: string;
    registerId: string;
    registerSeq: number;
    receiptNo: string;
    lines: { id: string; productId: string; qty: number }[];
    payments: { id: string; tender: 'cash'; amount: number; tendered: number }[];
    totals: { total: number };
  };
  /** The register's Idempotency-Key for this sale: the outbox re-sends the same key with the same body. */
  key: string;
}

/** A complete cash sale as the register sends it (ids are the register's UUIDv7s). */
export function saleRequest(
  registerId: string,
  registerSeq: number,
  receiptPrefix: string,
  basket: Basket,
): SaleRequest {
  const id = uuidv7();
  return {
    body: {
      id,
      registerId,
      registerSeq,
      receiptNo: `${receiptPrefix}-${String(registerSeq).padStart(6, '0')}`,
      lines: basket.lines.map((l) => ({ id: uuidv7(), productId: l.productId, qty: l.qty })),
      payments: [{ id: uuidv7(), tender: 'cash', amount: basket.total, tendered: basket.total }],
      totals: { total: basket.total },
    },
    key: `checkout-load-${id}`,
  };
}

/** Milli-units sold per product over a set of sales. */
export function soldPerProduct(sales: Iterable<SaleRequest>): Map<string, number> {
  const sold = new Map<string, number>();
  for (const s of sales)
    for (const l of s.body.lines) sold.set(l.productId, (sold.get(l.productId) ?? 0) + l.qty);
  return sold;
}

/** [1, 2, …, n] */
export const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

// ---------------------------------------------------------------------------------------------
// A real server process (the CLI), as in durability.test.ts.

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
