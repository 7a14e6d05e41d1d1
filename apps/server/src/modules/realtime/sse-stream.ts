import type { ServerResponse } from 'node:http';

/**
 * One open server-sent-events response. Writes never throw (a client that went away just stops
 * receiving); `close` is idempotent and runs the cleanup exactly once.
 */
export class SseStream {
  private closed = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly res: ServerResponse) {
    res.on('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.cleanups.push(fn);
  }

  send(event: string, data: unknown, id?: number | string): void {
    const lines = [
      `event: ${event}`,
      ...(id !== undefined ? [`id: ${id}`] : []),
      `data: ${JSON.stringify(data)}`,
    ];
    this.write(`${lines.join('\n')}\n\n`);
  }

  /** A comment line: keeps proxies and NAT tables from dropping an idle connection. */
  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.cleanups.splice(0)) fn();
    if (!this.res.writableEnded) this.res.end();
  }

  private write(chunk: string): void {
    if (this.closed || this.res.writableEnded) return;
    this.res.write(chunk);
  }
}
