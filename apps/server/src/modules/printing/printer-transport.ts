import net from 'node:net';
import { dleEot, isStatusByte, type StatusAnswers, type StatusQuery } from './printer-status.js';

export interface PrinterEndpoint {
  host: string;
  port: number;
}

/** One open connection to a printer. */
export interface PrinterLink {
  /** Sends DLE EOT n and returns the answer byte, or null when none came in time. */
  query(n: StatusQuery): Promise<number | null>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** How bytes reach a printer. The default is raw TCP (port 9100); a test or another link may swap it. */
export interface PrinterTransport {
  /** Rejects when the printer cannot be reached. */
  open(endpoint: PrinterEndpoint): Promise<PrinterLink>;
}

export interface TcpTimeouts {
  connectMs: number;
  statusMs: number;
  writeMs: number;
}

const DEFAULT_TIMEOUTS: TcpTimeouts = { connectMs: 3000, statusMs: 1000, writeMs: 15_000 };

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Raw TCP (JetDirect/RAW, usually port 9100): connect, ask status, write, close. */
export class TcpPrinterTransport implements PrinterTransport {
  constructor(private readonly timeouts: TcpTimeouts = DEFAULT_TIMEOUTS) {}

  async open(endpoint: PrinterEndpoint): Promise<PrinterLink> {
    const socket = new net.Socket();
    socket.setNoDelay(true);
    const received: number[] = [];
    let waiter: (() => void) | null = null;
    let failure: Error | null = null;
    socket.on('data', (chunk: Buffer) => {
      received.push(...chunk);
      waiter?.();
    });
    socket.on('error', (err) => {
      failure = err;
      waiter?.();
    });
    socket.on('close', () => waiter?.());
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
        socket.connect(endpoint.port, endpoint.host);
      }),
      this.timeouts.connectMs,
      `connect to ${endpoint.host}:${endpoint.port}`,
    ).catch((err: unknown) => {
      socket.destroy();
      throw err;
    });

    const { statusMs, writeMs } = this.timeouts;
    const nextByte = async (): Promise<number | null> => {
      const deadline = Date.now() + statusMs;
      for (;;) {
        // Drop stray bytes that are no status answer (e.g. a late answer's noise).
        while (received.length && !isStatusByte(received[0]!)) received.shift();
        if (received.length) return received.shift()!;
        if (failure || socket.destroyed || Date.now() >= deadline) return null;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
          waiter = () => {
            clearTimeout(t);
            resolve();
          };
        });
        waiter = null;
      }
    };
    return {
      async query(n) {
        if (failure || socket.destroyed) return null;
        socket.write(dleEot(n));
        return nextByte();
      },
      async write(bytes) {
        if (failure) throw failure;
        await withTimeout(
          new Promise<void>((resolve, reject) =>
            socket.write(bytes, (err) => (err ? reject(err) : resolve())),
          ),
          writeMs,
          'write to printer',
        );
      },
      async close() {
        if (socket.destroyed) return;
        await withTimeout(
          new Promise<void>((resolve) => {
            socket.once('close', () => resolve());
            socket.end();
          }),
          writeMs,
          'closing the printer connection',
        ).catch(() => socket.destroy());
      },
    };
  }
}

/** Asks the three status queries; stops after the first unanswered one (the printer does not do DLE EOT). */
export async function readStatus(link: PrinterLink): Promise<StatusAnswers> {
  const printer = await link.query(1);
  if (printer === null) return { printer: null, offlineCause: null, paperSensor: null };
  const offlineCause = await link.query(2);
  const paperSensor = await link.query(4);
  return { printer, offlineCause, paperSensor };
}
