import net from 'node:net';

/**
 * Test support: a network receipt printer on a real TCP port. It answers DLE EOT (10 04 n) like an
 * Epson TM printer — one status byte per query, immediately — and records what each connection
 * sent after its status queries (the print job).
 */
export interface FakePrinterState {
  /** n=1: 0x12 online; 0x1a offline. */
  printer: number;
  /** n=2: 0x12 fine; |0x04 cover open; |0x20 stopped at paper end; |0x40 error. */
  offlineCause: number;
  /** n=4: 0x12 paper present; |0x0c near end; |0x60 roll end. */
  paperSensor: number;
  /** false: never answers DLE EOT (older printers, emulators). */
  answersStatus: boolean;
}

export const READY: FakePrinterState = {
  printer: 0x12,
  offlineCause: 0x12,
  paperSensor: 0x12,
  answersStatus: true,
};
export const PAPER_OUT: FakePrinterState = {
  printer: 0x1a,
  offlineCause: 0x32,
  paperSensor: 0x72,
  answersStatus: true,
};
export const COVER_OPEN: FakePrinterState = {
  printer: 0x1a,
  offlineCause: 0x16,
  paperSensor: 0x12,
  answersStatus: true,
};

export class FakePrinter {
  readonly jobs: Buffer[] = [];
  readonly statusQueries: number[] = [];
  state: FakePrinterState = { ...READY };
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private waiters: (() => void)[] = [];

  async listen(port = 0): Promise<number> {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    let data = Buffer.alloc(0);
    let inJob = false;
    socket.on('data', (chunk: Buffer) => {
      let rest = chunk;
      // Status queries come before the job; once other bytes arrive, everything is job data.
      while (!inJob && rest.length >= 3 && rest[0] === 0x10 && rest[1] === 0x04) {
        const n = rest[2]!;
        this.statusQueries.push(n);
        if (this.state.answersStatus) {
          const answer =
            n === 1
              ? this.state.printer
              : n === 2
                ? this.state.offlineCause
                : n === 4
                  ? this.state.paperSensor
                  : 0x12;
          socket.write(Buffer.of(answer));
        }
        rest = rest.subarray(3);
      }
      if (rest.length) {
        inJob = true;
        data = Buffer.concat([data, rest]);
      }
    });
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (data.length) {
        this.jobs.push(data);
        for (const w of this.waiters.splice(0)) w();
      }
    });
    socket.on('error', () => undefined);
  }

  /** Resolves once `count` jobs have been received (or rejects after `ms`). */
  async waitForJobs(count: number, ms = 5000): Promise<Buffer[]> {
    const deadline = Date.now() + ms;
    while (this.jobs.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} print jobs, got ${this.jobs.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.jobs;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

/** A port nothing listens on (taken, then released). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
