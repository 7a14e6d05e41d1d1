// Side-by-side comparison of two server builds under the checkout benchmark's closed-loop HTTP load.
//
//   cp -r apps/server/dist apps/server/dist-a        # the build to compare against, then change + build
//   node bench/tools/compare-servers.mjs apps/server/dist-a/cli.js apps/server/dist/cli.js
//
// Both servers run at once, each on its own SQLite database with the same set-up; windows alternate
// A B, B A, … so that the VM's slow and fast moments fall on both. Prints each pair and the median of
// B ÷ A. On this 2-core VM the second server started came out ~2–4 % ahead with identical builds, so
// run it again with the two builds swapped before believing a few per cent.
// Environment: REGISTERS (50), WINDOW seconds (3), PAIRS (8), WARM seconds (8), PIN=1 pins both
// servers to CPU 0 and this process (the load generator) to CPU 1 with taskset (less noise).
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setupCheckout } from '../lib/checkout-setup.mjs';
import { salesLoadInWorker } from '../lib/http-load-worker.mjs';
import { median, percentileSorted } from '../lib/stats.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const [cliA, cliB] = process.argv.slice(2);
if (!cliA || !cliB) {
  console.error('usage: node bench/tools/compare-servers.mjs <cli.js of A> <cli.js of B>');
  process.exit(2);
}
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const REGISTERS = env('REGISTERS', 50);
const WINDOW = env('WINDOW', 3);
const PAIRS = env('PAIRS', 8);
const WARM = env('WARM', 8);
const corePath = join(root, 'packages/core/dist/index.js');
const { uuidv7 } = await import(pathToFileURL(corePath).href);

const sides = {};
for (const [name, cli] of [
  ['A', cliA],
  ['B', cliB],
]) {
  sides[name] = await setupCheckout({
    root,
    log: () => undefined,
    uuidv7,
    registerCount: Math.max(REGISTERS, 10),
    cli: resolve(cli),
  });
}
try {
  if (process.env.PIN) {
    for (const s of Object.values(sides))
      execFileSync('taskset', ['-a', '-p', '-c', '0', String(s.server.pid)]);
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]);
  }
  const load = (s, n, sec) => salesLoadInWorker(corePath, s, n, sec);
  // Warm both (V8 optimises the request path over the first few thousand sales).
  for (const s of Object.values(sides)) await load(s, Math.min(10, s.registers.length), WARM);
  const rate = { A: [], B: [] };
  const p50 = { A: [], B: [] };
  const ratios = [];
  for (let i = 0; i < PAIRS; i++) {
    const got = {};
    for (const name of i % 2 ? ['B', 'A'] : ['A', 'B']) {
      const r = await load(sides[name], REGISTERS, WINDOW);
      if (r.firstError) throw new Error(`${name}: ${r.firstError}`);
      got[name] = r.salesPerSec;
      rate[name].push(r.salesPerSec);
      p50[name].push(percentileSorted(r.latencies, 50));
    }
    ratios.push(got.B / got.A);
    console.log(
      `pair ${i + 1}: A ${got.A.toFixed(0)} B ${got.B.toFixed(0)} sales/s, B ÷ A ${(got.B / got.A).toFixed(3)}`,
    );
  }
  console.log(
    `${REGISTERS} registers: A ${median(rate.A).toFixed(0)} B ${median(rate.B).toFixed(0)} sales/s (medians), ` +
      `B ÷ A ${median(ratios).toFixed(3)} (median of pairs); p50 A ${median(p50.A).toFixed(2)} B ${median(p50.B).toFixed(2)} ms`,
  );
} finally {
  for (const s of Object.values(sides)) await s.server.stop();
}
