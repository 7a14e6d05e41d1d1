import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite copies the write-ahead log back into the database file ("checkpoint") every 1,000 pages, by
 * default inside the COMMIT that crosses the mark — on the event loop, with two fsyncs, while every
 * register waits (7 % of checkout throughput in a side-by-side run, and the slowest answers). Here the
 * server's connection never checkpoints (wal_autocheckpoint = 0); a worker thread with its own
 * connection runs PASSIVE checkpoints, which wait for nobody and block nobody
 * (https://www.sqlite.org/wal.html#ckpt, https://www.sqlite.org/c3ref/wal_checkpoint_v2.html).
 * Once a checkpoint has copied everything, the next writer starts the log from the beginning, and
 * journal_size_limit trims the file, so it does not grow.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

// Runs in the worker (CommonJS, `eval`): better-sqlite3 is loaded from the path the server resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
let stopping = false;
const tick = () => {
  if (stopping) return;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
let timer = setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { stopping = true; clearTimeout(timer); db.close(); parentPort.close(); }
});
`;

export function startCheckpointer(opts: {
  file: string;
  intervalMs?: number;
  onError?: (message: string) => void;
  onCheckpoint?: (r: { log: number; checkpointed: number }) => void;
}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: opts.file, driver, intervalMs: opts.intervalMs ?? 250 },
  });
  worker.on('message', (m: { error?: string; log?: number; checkpointed?: number }) => {
    if (m.error) opts.onError?.(m.error);
    else opts.onCheckpoint?.({ log: m.log!, checkpointed: m.checkpointed! });
  });
  worker.on('error', (err) => opts.onError?.(err.message));
  // The server must be able to exit while the worker sleeps.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
