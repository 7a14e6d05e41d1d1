// Closed-loop HTTP load for the checkout benchmark: N "registers", each one keep-alive connection
// posting one sale after another (a new body, new ids and the next receipt number per request).
//
// The client writes pre-formatted HTTP/1.1 requests on a raw socket and reads only the status line,
// Content-Length and body of each answer. That keeps the load generator's share of the two shared
// cores far below fetch/undici's (which would otherwise be billed to the server), and gives every
// register its own state, which autocannon's per-request hooks do not offer.
import { Buffer } from 'node:buffer';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Samples } from './stats.mjs';

const CRLF2 = Buffer.from('\r\n\r\n');

/** One keep-alive HTTP/1.1 connection that sends a request and resolves with { status, body }. */
class RawConnection {
  constructor(port) {
    this.port = port;
    this.socket = null;
    this.pending = null;
    this.chunks = [];
    this.length = 0;
  }

  open() {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: this.port, noDelay: true }, () => resolve());
      socket.on('error', (err) => {
        if (this.pending) this.pending.reject(err);
        this.pending = null;
        reject(err);
      });
      socket.on('close', () => {
        if (this.pending) this.pending.reject(new Error('connection closed by the server'));
        this.pending = null;
      });
      socket.on('data', (chunk) => this.onData(chunk));
      this.socket = socket;
    });
  }

  request(buf) {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.chunks = [];
      this.length = 0;
      this.headerEnd = -1;
      this.socket.write(buf);
    });
  }

  onData(chunk) {
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (!this.pending) return;
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
    this.chunks = [all];
    if (this.headerEnd < 0) {
      const end = all.indexOf(CRLF2);
      if (end < 0) return;
      const head = all.toString('latin1', 0, end);
      const status = Number(head.slice(9, 12));
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!m) {
        const p = this.pending;
        this.pending = null;
        p.reject(new Error(`response without Content-Length (HTTP ${status}): ${head.slice(0, 300)}`));
        return;
      }
      this.headerEnd = end + 4;
      this.status = status;
      this.bodyLength = Number(m[1]);
    }
    if (this.length >= this.headerEnd + this.bodyLength) {
      const p = this.pending;
      this.pending = null;
      p.resolve({
        status: this.status,
        body: all.subarray(this.headerEnd, this.headerEnd + this.bodyLength),
      });
    }
  }

  close() {
    this.socket?.destroy();
  }
}

/**
 * Runs `registers.length` closed loops against POST `path` for `durationSec` seconds.
 * `makeRequest(register)` returns { headers: string (raw header lines), body: string } for the next
 * sale of that register. Returns { count, salesPerSec, latencies (sorted Float64Array), statusCodes, firstError }.
 * Any answer other than `expectStatus` is counted and its first body kept.
 *
 * `intervalMs` > 0 paces each register instead: it sends its k-th sale at start + offset + k × interval
 * (offsets spread over the first interval), or at once if the previous answer came later than that.
 * Latency then counts from the scheduled time, so a slow answer also delays — and is billed to — the
 * sales queued behind it (no coordinated omission).
 */
export async function closedLoopHttp({
  port,
  path,
  registers,
  makeRequest,
  durationSec,
  expectStatus = 201,
  intervalMs = 0,
}) {
  const conns = registers.map(() => new RawConnection(port));
  await Promise.all(conns.map((c) => c.open()));
  const latencies = new Samples();
  const statusCodes = {};
  let firstError = null;
  let count = 0;
  const hostLine = `Host: 127.0.0.1:${port}\r\n`;
  const started = performance.now();
  const until = started + durationSec * 1000;
  let stopped = false;
  const build = (reg) => {
    const { headers, body } = makeRequest(reg);
    return Buffer.from(
      `POST ${path} HTTP/1.1\r\n${hostLine}${headers}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };
  const loops = registers.map(async (reg, i) => {
    const conn = conns[i];
    let due = started + (intervalMs * i) / registers.length;
    // The next request is built while the server works on the current one, as a register has its next
    // sale rung up before the previous answer matters: the load generator's own work (new ids, JSON)
    // stays off the critical path and is not billed to the server at one register.
    let next = build(reg);
    try {
      while (!stopped && performance.now() < until) {
        if (intervalMs > 0) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (performance.now() >= until) break;
        }
        const buf = next;
        next = null;
        const t0 = intervalMs > 0 ? due : performance.now();
        due += intervalMs;
        let res;
        try {
          const answer = conn.request(buf);
          next = build(reg);
          res = await answer;
        } catch (err) {
          stopped = true;
          firstError ??= `register ${i}: ${err.message}`;
          statusCodes.error = (statusCodes.error ?? 0) + 1;
          return;
        }
        const dt = performance.now() - t0;
        statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
        if (res.status === expectStatus) {
          latencies.push(dt);
          count++;
        } else {
          firstError ??= `register ${i}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 400)}`;
          stopped = true; // a wrong answer means we are not measuring the intended path
        }
      }
    } finally {
      // A request built but never sent gives its sequence number back: the register's numbering
      // stays gap-free for the next cell.
      if (next) reg.seq--;
    }
  });
  await Promise.all(loops);
  const seconds = (performance.now() - started) / 1000;
  for (const c of conns) c.close();
  return {
    count,
    salesPerSec: count / seconds,
    seconds,
    latencies: latencies.sorted(),
    statusCodes,
    firstError,
  };
}
