// Checkout throughput over HTTP (issue 4): a 3-line cash sale, POST /api/v1/sales, from 1, 10 and 50
// concurrent registers, on SQLite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) on a
// throw-away PostgreSQL database — next to the same SQL statements replayed directly on the database
// in the same run (the engine's limit for this statement mix), with the ratio HTTP ÷ replay.
//
// Set-up, per database: the real server (`cli.js serve --demo`, LOG_LEVEL=warn, high login/PIN rate
// limits) on a free 127.0.0.1 port; owner login; 50 new registers, each with a paired device, a PIN
// session of cashier Chris (1234) and an open shift; three demo products (piece goods without
// modifiers) and the basket's total from POST /api/v1/pricing/quote.
//
// HTTP: N registers, each one keep-alive connection posting sales back to back (closed loop) with a
// new UUIDv7 per sale/line/payment, its own register sequence and receipt number, and Authorization,
// X-Device-Token and Idempotency-Key headers. Any answer other than 201 fails the benchmark. The load
// runs in a worker thread with its own heap (bench/lib/http-load-worker.mjs).
//
// Replay: see bench/lib/checkout-replay.mjs for exactly what it includes. In short: the statements of
// one sale (captured from an in-process instance of the built app on the same database), same order,
// same BEGIN … COMMIT, same pragmas/database, fresh ids and numbers — minus HTTP, authentication and
// validation logic, pricing, hashing and presenting. On SQLite both sides run on one connection
// (SQLite has one writer; the server serialises transactions on its single connection).
//
// Paced cells: the 50 registers each send a sale every 1,000 ms and every 200 ms (open loop; latency
// from the scheduled send time), for the latency at a given load rather than at saturation.
//
// Each cell is split into rounds, HTTP and replay alternating (A B, B A, …) so drift hits both;
// throughput is the median over rounds, latency percentiles pool all sales, the ratio is the median
// of per-round ratios. The Z report of a 10k-sale shift is reported by checkout-shift.bench.mjs.
//
// Profiling aid: BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" passes node flags to the
// server process (the profile is written when the server stops); BENCH_CHECKOUT_SHOW_SQL=1 prints the
// captured statements of one sale.
/* global fetch -- Node 20 global */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { salesLoadInWorker } from './lib/http-load-worker.mjs';
import {
  buildCapturingApp,
  buildTemplate,
  closedLoopReplay,
  pgReplayer,
  sqliteReplayer,
} from './lib/checkout-replay.mjs';
import { createBenchDatabase, postgresAdminUrl } from './lib/checkout-server.mjs';
import { setupCheckout } from './lib/checkout-setup.mjs';
import { median, percentileSorted } from './lib/stats.mjs';

export const name = 'checkout';
export const description =
  'POST /api/v1/sales (3-line cash sale) at 1/10/50 registers vs direct SQL replay (SQLite, PostgreSQL)';

// BENCH_CHECKOUT_LEVELS=50 (comma-separated) limits the cells, e.g. to profile one of them.
const LEVELS = (process.env.BENCH_CHECKOUT_LEVELS ?? '1,10,50').split(',').map(Number);
const REGISTERS = Math.max(...LEVELS);
/** Paced cells: every register sends a sale every 1,000 ms (50/s in all) and every 200 ms (250/s). */
const PACED_INTERVALS_MS = [1000, 200];

export async function run(ctx) {
  const { uuidv7 } = await import(pathToFileURL(join(ctx.root, 'packages/core/dist/index.js')).href);
  const cellSec = ctx.options.duration ?? (ctx.quick ? 1 : 5);
  const rounds = ctx.quick ? 1 : 2;
  const rows = [];
  rows.push(...(await benchDatabase(ctx, { label: 'SQLite', uuidv7, cellSec, rounds })));
  const admin = postgresAdminUrl();
  if (!admin) {
    ctx.log('notice: neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set — skipping the PostgreSQL rows');
  } else {
    const pgdb = await createBenchDatabase(admin, ctx.log);
    try {
      rows.push(
        ...(await benchDatabase(ctx, {
          label: 'PostgreSQL',
          databaseUrl: pgdb.url,
          uuidv7,
          cellSec,
          rounds,
        })),
      );
    } finally {
      await pgdb.drop();
    }
  }
  return rows;
}

async function benchDatabase(ctx, { label, databaseUrl, uuidv7, cellSec, rounds }) {
  const log = (m) => ctx.log(`[${label}] ${m}`);
  const { server, registers, saleOf, basket, total } = await setupCheckout({
    root: ctx.root,
    log,
    databaseUrl,
    uuidv7,
    registerCount: REGISTERS,
    nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  });
  let capturer;
  let replayer;
  try {
    // ---- capture the statements of one sale per register (in-process app, same database) ----
    const sqliteFile = join(server.dataDir, 'opentill.sqlite');
    capturer = await buildCapturingApp(ctx.root, { databaseUrl, sqliteFile });
    const templates = [];
    for (const reg of registers) {
      const captured = [];
      for (let k = 0; k < 3; k++) {
        const sale = saleOf(reg);
        const { result: res, statements } = await capturer.capture(() =>
          capturer.app.inject({
            method: 'POST',
            url: '/api/v1/sales',
            headers: {
              authorization: `Bearer ${reg.token}`,
              'x-device-token': reg.device,
              'idempotency-key': sale.id,
              'content-type': 'application/json',
            },
            payload: sale.body,
          }),
        );
        if (res.statusCode !== 201)
          throw new Error(
            `capture sale on register ${reg.index}: HTTP ${res.statusCode} ${res.body.slice(0, 400)}`,
          );
        captured.push({ seq: sale.seq, statements });
      }
      // The first sale of a register warms caches; template from the 2nd and 3rd.
      templates.push(
        buildTemplate(captured[1].statements, captured[2].statements, captured[1].seq, captured[2].seq),
      );
    }
    await capturer.close();
    capturer = undefined;
    const t0 = templates[0];
    log(
      `one sale = ${t0.total} statements (${t0.inTransaction} inside BEGIN … COMMIT), ${t0.slots} per-sale ids`,
    );
    if (process.env.BENCH_CHECKOUT_SHOW_SQL)
      for (const s of t0.statements) ctx.log(`  ${s.sql.slice(0, 160)}`);

    // ---- engines ----
    let replayCell;
    // SQLite only: the same statements group-committed like the server does (see execBatch).
    let batchedCell = null;
    if (databaseUrl) {
      const pgr = (replayer = pgReplayer(databaseUrl, uuidv7));
      replayCell = async (n, sec) => {
        const clients = await Promise.all(Array.from({ length: n }, () => pgr.connect()));
        try {
          return await closedLoopReplay({
            n,
            durationSec: sec,
            exec: (i) => pgr.execSale(clients[i], templates[i], registers[i].seq++),
          });
        } finally {
          for (const c of clients) c.release();
        }
      };
    } else {
      const sq = (replayer = sqliteReplayer(sqliteFile, uuidv7));
      replayCell = (n, sec) =>
        closedLoopReplay({
          n,
          durationSec: sec,
          sync: true,
          exec: (i) => sq.execSale(templates[i], registers[i].seq++),
        });
      batchedCell = (n, sec) =>
        closedLoopReplay({
          n,
          durationSec: sec,
          execBatch: (is) => sq.execBatch(is.map((i) => ({ tpl: templates[i], seq: registers[i].seq++ }))),
        });
    }
    const httpCell = async (n, sec, intervalMs = 0) => {
      // In a worker thread: this process's heap (templates, replayer, samples) must not pause the load.
      const r = await salesLoadInWorker(
        join(ctx.root, 'packages/core/dist/index.js'),
        { server, basket, total, registers },
        n,
        sec,
        intervalMs,
      );
      if (r.firstError || r.count === 0) {
        throw new Error(
          `HTTP c=${n}: ${r.firstError ?? 'no sales'} (answers ${JSON.stringify(r.statusCodes)}) — not measuring the intended path`,
        );
      }
      return r;
    };
    const salesCount = () => replayer.count('select count(*) as n from sales');
    // SQLite group commit: how many write transactions shared one COMMIT (fsync), from /metrics.
    const groupCommit = async () => {
      const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
      const read = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
      return { commits: read('opentill_db_group_commits'), units: read('opentill_db_group_commit_units') };
    };
    const before = Number(await salesCount());
    let expected = before;

    // ---- warm-up ----
    // A till server runs for hours; the cells measure it warm. Its JavaScript needs a few thousand
    // sales before V8 has optimised the whole request path: at one register the server's CPU per sale
    // fell from ~1.9 to ~1.4 ms over the first ~5,000 sales and stayed there (measured here), while the
    // replay, a short loop, is at its speed after a few hundred. Then every level gets a short warm-up
    // of its own (both sides) before its measured rounds.
    const warm = ctx.quick ? 0.5 : 1;
    expected += (await httpCell(Math.min(10, REGISTERS), ctx.quick ? 0.5 : 6)).count;
    expected += (await replayCell(Math.min(10, REGISTERS), warm)).count;

    // ---- measured cells ----
    const rows = [];
    for (const n of LEVELS) {
      const sides = batchedCell ? ['http', 'replay', 'batched'] : ['http', 'replay'];
      const per = { http: [], replay: [], batched: [] };
      const lat = { http: [], replay: [], batched: [] };
      const ratios = [];
      const batchedRatios = [];
      const shared = { commits: 0, units: 0 };
      const cellOf = { http: httpCell, replay: replayCell, batched: batchedCell };
      for (const side of sides) expected += (await cellOf[side](n, warm / 2)).count;
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? sides : [...sides].reverse();
        const got = {};
        for (const side of order) {
          const gc0 = side === 'http' && !databaseUrl ? await groupCommit() : null;
          const m = await cellOf[side](n, cellSec / rounds);
          if (gc0) {
            const gc1 = await groupCommit();
            shared.commits += gc1.commits - gc0.commits;
            shared.units += gc1.units - gc0.units;
          }
          expected += m.count;
          got[side] = m;
          per[side].push(m.salesPerSec);
          lat[side].push(m.latencies);
          log(
            `c=${n} round ${r + 1}/${rounds} ${side}: ${m.salesPerSec.toFixed(0)} sales/s, p50 ${percentileSorted(m.latencies, 50).toFixed(2)} ms, p99 ${percentileSorted(m.latencies, 99).toFixed(2)} ms`,
          );
        }
        ratios.push(got.http.salesPerSec / got.replay.salesPerSec);
        if (got.batched) batchedRatios.push(got.http.salesPerSec / got.batched.salesPerSec);
      }
      const pooled = (side) => Float64Array.from(lat[side].flatMap((a) => Array.from(a))).sort();
      const isSqlite = !databaseUrl;
      // Issue 4's targets are one sentence: "on SQLite ≥ 1,000 sales/s and ≥ 50 % of the direct replay;
      // p99 < 25 ms at 50 registers". 1,000 sales/s exists only at 50 registers (the bare replay does
      // ~950/s at one), so all three are marked on the 50-register rows; 1 and 10 are reported as they are.
      const isTarget = isSqlite && n === 50;
      for (const side of sides) {
        const all = pooled(side);
        const bench = {
          http: `checkout HTTP ${label} c=${n}`,
          replay: `checkout direct replay ${label} c=${n}`,
          batched: `checkout direct replay, group-committed ${label} c=${n}`,
        }[side];
        const tgt = (t) => (isTarget && side === 'http' ? { target: t } : {});
        rows.push({
          benchmark: bench,
          metric: 'throughput',
          value: median(per[side]),
          unit: 'sales/s',
          ...tgt('≥ 1,000 sales/s'),
        });
        rows.push({ benchmark: bench, metric: 'latency p50', value: percentileSorted(all, 50), unit: 'ms' });
        rows.push({
          benchmark: bench,
          metric: 'latency p99',
          value: percentileSorted(all, 99),
          unit: 'ms',
          ...tgt('p99 < 25 ms'),
        });
      }
      if (shared.commits > 0) {
        rows.push({
          benchmark: `checkout HTTP ${label} c=${n}`,
          metric: 'write transactions per COMMIT (group commit)',
          value: shared.units / shared.commits,
          unit: '×',
        });
      }
      rows.push({
        benchmark: `checkout HTTP ÷ replay ${label} c=${n}`,
        metric: 'throughput ratio (median of paired rounds)',
        value: median(ratios),
        unit: '×',
        ...(isTarget ? { target: '≥ 0.50' } : {}),
      });
      if (batchedRatios.length) {
        rows.push({
          benchmark: `checkout HTTP ÷ group-committed replay ${label} c=${n}`,
          metric: 'throughput ratio (median of paired rounds)',
          value: median(batchedRatios),
          unit: '×',
        });
      }
    }

    // ---- paced: 50 registers that each ring up a sale every `interval` ms (open loop) ----
    // A closed loop with no pause between sales measures capacity; its latency is N ÷ throughput by
    // Little's law. These cells measure the latency a cashier sees when 50 tills sell at a given pace.
    // Twice the closed-loop cell's time: p99 over 2,500 sales at 250/s, so that one stall weighs less
    // (closed-loop runs here showed single answers of 0.3–1 s a few times a minute, with no slow
    // COMMIT and a steady heap — the VM, as far as we could tell).
    for (const intervalMs of PACED_INTERVALS_MS) {
      const m = await httpCell(REGISTERS, 2 * cellSec, intervalMs);
      expected += m.count;
      const offered = (REGISTERS * 1000) / intervalMs;
      const bench = `checkout HTTP ${label} ${REGISTERS} registers paced, ${offered} sales/s offered`;
      log(
        `paced ${offered}/s: ${m.salesPerSec.toFixed(0)} sales/s, p50 ${percentileSorted(m.latencies, 50).toFixed(2)} ms, p99 ${percentileSorted(m.latencies, 99).toFixed(2)} ms`,
      );
      rows.push({ benchmark: bench, metric: 'latency p50', value: percentileSorted(m.latencies, 50), unit: 'ms' });
      rows.push({ benchmark: bench, metric: 'latency p99', value: percentileSorted(m.latencies, 99), unit: 'ms' });
    }

    // ---- sanity: every 201 and every replayed sale is in the database, the server is still up ----
    const after = Number(await salesCount());
    if (after !== expected) throw new Error(`sales table has ${after} rows, expected ${expected}`);
    if (server.exited()) throw new Error(`server exited during the run: ${JSON.stringify(server.exited())}`);
    log(`${after - before} sales recorded during the run`);
    return rows;
  } finally {
    if (capturer) await capturer.close().catch(() => undefined);
    if (replayer) await replayer.close();
    await server.stop();
  }
}
