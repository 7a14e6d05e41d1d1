// HTTP overhead: GET /healthz (no auth, no database) vs GET /api/v1/auth/me (session lookup from a
// Bearer token + user/store load), side by side in one run, at 1 and 50 connections.
// The ratio authed/healthz shows what authentication + one request's database work costs relative to
// the bare framework path; it is far more stable on a noisy machine than absolute req/s.
import { login, startDemoServer } from './lib/server.mjs';
import { probe, sideBySide } from './lib/load.mjs';

export const name = 'http-overhead';
export const description = 'GET /healthz vs authenticated GET /api/v1/auth/me (autocannon, loopback)';

export async function run(ctx) {
  const durationSec = ctx.options.duration ?? (ctx.quick ? 1.5 : 5);
  const rounds = ctx.quick ? 1 : 3;
  const levels = [1, 50];

  const server = await startDemoServer({ root: ctx.root, log: ctx.log });
  const rows = [];
  try {
    const token = await login(server.baseUrl);
    const endpoints = [
      { name: 'GET /healthz', url: `${server.baseUrl}/healthz`, headers: {} },
      {
        name: 'GET /api/v1/auth/me',
        url: `${server.baseUrl}/api/v1/auth/me`,
        headers: { authorization: `Bearer ${token}` },
      },
    ];
    for (const ep of endpoints) await probe(ep.url, ep.headers);

    for (const connections of levels) {
      ctx.log(`c=${connections}: ${rounds} round(s) × ${(durationSec / rounds).toFixed(2)} s per endpoint`);
      const results = await sideBySide({
        endpoints,
        connections,
        rounds,
        roundSec: durationSec / rounds,
        warmupSec: ctx.quick ? 0.5 : 1,
        log: ctx.log,
      });
      for (const r of results) {
        if (r.non2xx || r.errors || r.timeouts) {
          throw new Error(
            `${r.name} at c=${connections}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts ` +
              `(status codes ${JSON.stringify(r.statusCodes)}) — results would not measure the intended path`,
          );
        }
        const bench = `${r.name} c=${connections}`;
        rows.push({ benchmark: bench, metric: 'throughput', value: r.reqPerSec, unit: 'req/s' });
        rows.push({ benchmark: bench, metric: 'latency p50', value: r.p50, unit: 'ms' });
        rows.push({ benchmark: bench, metric: 'latency p99', value: r.p99, unit: 'ms' });
      }
      const authed = results[1];
      rows.push({
        benchmark: `auth/me ÷ healthz c=${connections}`,
        metric: 'throughput ratio (median of paired rounds)',
        value: authed.ratioToFirst,
        unit: '×',
      });
    }
  } finally {
    await server.stop();
  }
  return rows;
}
