// HTTP load helpers on top of autocannon's programmatic API (loopback only).
/* global fetch, AbortSignal, clearTimeout -- Node 20 globals; eslint.config.js only declares a few for .mjs */
import autocannon from 'autocannon';
import { Samples, median, percentileSorted } from './stats.mjs';

function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
    throw new Error(`refusing to load-test a non-loopback host: ${hostname}`);
  }
}

/**
 * One bounded autocannon run. Latencies are collected per response with sub-millisecond precision
 * (autocannon's own histogram only has 1 ms resolution, too coarse for loopback requests).
 * Returns { reqPerSec, p50, p99, mean, count, non2xx, errors, timeouts, statusCodes }.
 */
export async function measure({ url, headers = {}, connections, durationSec, timeoutSec = 10 }) {
  assertLoopback(url);
  const latencies = new Samples();
  const statusCodes = {};
  const instance = autocannon({
    url,
    headers,
    connections,
    pipelining: 1,
    duration: durationSec,
    timeout: timeoutSec,
    // No retries, no progress bar, no printing: we report ourselves.
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });
  // Hard stop in case something hangs (autocannon's own duration should end it much earlier).
  const guard = setTimeout(() => instance.stop(), (durationSec + timeoutSec + 5) * 1000);
  let result;
  try {
    result = await instance;
  } finally {
    clearTimeout(guard);
  }
  const seconds = (new Date(result.finish) - new Date(result.start)) / 1000 || durationSec;
  const sorted = latencies.sorted();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    reqPerSec: result['2xx'] / seconds,
    p50: percentileSorted(sorted, 50),
    p99: percentileSorted(sorted, 99),
    mean: sorted.length ? sum / sorted.length : NaN,
    count: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latencies: sorted,
  };
}

/** One request to check an endpoint answers 2xx before loading it. */
export async function probe(url, headers = {}) {
  assertLoopback(url);
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → HTTP ${res.status}: ${body.slice(0, 300)}`);
  return body;
}

/**
 * Measure several endpoints side by side at one concurrency: a short warm-up each, then `rounds`
 * rounds in which every endpoint runs `roundSec`, order alternating per round (ABBA…) so drift on a
 * noisy machine hits all endpoints alike. Per endpoint: median req/s over rounds, p50/p99 over all
 * pooled latencies. `ratios[name]` = median over rounds of (endpoint req/s ÷ first endpoint req/s).
 */
export async function sideBySide({
  endpoints,
  connections,
  rounds = 3,
  roundSec = 5 / 3,
  warmupSec = 1,
  log,
}) {
  for (const ep of endpoints) {
    await measure({ url: ep.url, headers: ep.headers, connections, durationSec: warmupSec });
  }
  const perRound = endpoints.map(() => []);
  const pooled = endpoints.map(() => []);
  const bad = endpoints.map(() => ({ non2xx: 0, errors: 0, timeouts: 0, statusCodes: {} }));
  for (let r = 0; r < rounds; r++) {
    const order = endpoints.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const ep = endpoints[i];
      const m = await measure({ url: ep.url, headers: ep.headers, connections, durationSec: roundSec });
      perRound[i][r] = m.reqPerSec;
      pooled[i].push(m.latencies);
      bad[i].non2xx += m.non2xx;
      bad[i].errors += m.errors;
      bad[i].timeouts += m.timeouts;
      for (const [code, n] of Object.entries(m.statusCodes))
        bad[i].statusCodes[code] = (bad[i].statusCodes[code] ?? 0) + n;
      log?.(
        `  c=${connections} round ${r + 1}/${rounds} ${ep.name}: ${m.reqPerSec.toFixed(0)} req/s, p50 ${m.p50.toFixed(3)} ms`,
      );
    }
  }
  return endpoints.map((ep, i) => {
    const all = Float64Array.from(pooled[i].flatMap((a) => Array.from(a))).sort();
    const ratios = perRound[i].map((v, r) => v / perRound[0][r]);
    return {
      name: ep.name,
      reqPerSec: median(perRound[i]),
      roundsReqPerSec: perRound[i],
      p50: percentileSorted(all, 50),
      p99: percentileSorted(all, 99),
      ratioToFirst: median(ratios),
      ...bad[i],
    };
  });
}
