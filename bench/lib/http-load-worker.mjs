// Runs the checkout benchmark's HTTP load (closedLoopHttp) in a worker thread with its own heap.
//
// The benchmark process also holds the statement templates, the replayer's SQLite connection and
// every cell's latency samples; a major GC of that heap paused the load generator for tens of
// milliseconds, and in the paced cells (latency counted from the scheduled send time) such a pause was
// billed to the server: p99 23–57 ms at 50 registers × 5 sales/s inside the benchmark against
// 8 ms from a fresh process against the same server state. A worker's GC is its own.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { closedLoopHttp } from './checkout-http.mjs';
import { saleBuilders } from './checkout-setup.mjs';

/**
 * closedLoopHttp in a fresh worker. `registers` are plain `{ id, token, device, seq, prefix }`; their
 * `seq` is advanced here by the number of sales sent, as if sent in this thread.
 */
export function closedLoopHttpInWorker({ corePath, basket, total, registers, ...opts }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { corePath, basket, total, registers: registers.map((r) => ({ ...r })), opts },
    });
    worker.once('message', ({ result, seqs }) => {
      registers.forEach((r, i) => (r.seq = seqs[i]));
      resolve(result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });
}

/**
 * Sales load on a `setupCheckout()` result: its first `n` registers post sales to POST /api/v1/sales for
 * `durationSec` (closed loop, or paced every `intervalMs`), from a worker thread.
 */
export function salesLoadInWorker(
  corePath,
  { server, basket, total, registers },
  n,
  durationSec,
  intervalMs = 0,
) {
  return closedLoopHttpInWorker({
    corePath,
    basket,
    total,
    port: server.port,
    path: '/api/v1/sales',
    registers: registers.slice(0, n),
    durationSec,
    intervalMs,
  });
}

if (!isMainThread && workerData?.opts) {
  const { corePath, basket, total, registers, opts } = workerData;
  const { uuidv7 } = await import(pathToFileURL(corePath).href);
  const { requestOf } = saleBuilders({ basket, total, uuidv7 });
  const result = await closedLoopHttp({ ...opts, registers, makeRequest: requestOf });
  parentPort.postMessage({ result, seqs: registers.map((r) => r.seq) }, [result.latencies.buffer]);
}
