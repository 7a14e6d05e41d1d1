import { getDeviceToken } from '../../lib/api/device-token';
import { API_BASE } from '../../lib/api/api-client';

/**
 * The client of GET /api/v1/events. EventSource cannot send the X-Device-Token header a register
 * session needs, so this reads the text/event-stream with fetch. Reconnects with backoff; every
 * (re)connect starts with a `hello` event.
 */

export interface Hello {
  storeId: string;
  registerId: string | null;
  catalogSeq: number;
  registerSeq: number | null;
}

export interface EventStreamHandlers {
  onHello(hello: Hello): void;
  onCatalogChanged(seq: number): void;
  /** Connected (true) or lost (false, with the HTTP status, 0 for network errors). */
  onConnection(connected: boolean, status: number): void;
}

export function parseSseBlock(block: string): { event: string; data: unknown } | null {
  if (!block || block.startsWith(':')) return null;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  try {
    return { event, data: data.length ? JSON.parse(data.join('\n')) : null };
  } catch {
    return null;
  }
}

export class EventStream {
  private controller: AbortController | null = null;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(private readonly handlers: EventStreamHandlers) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** Reconnect now (the browser says the network is back). */
  reconnect(): void {
    if (this.stopped) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.controller?.abort();
    this.failures = 0;
    void this.connect();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(this.failures - 1, 5));
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private async connect(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    const token = getDeviceToken();
    if (token) headers['X-Device-Token'] = token;
    let status = 0;
    try {
      const res = await fetch(`${API_BASE}/events`, { headers, credentials: 'same-origin', signal: controller.signal, cache: 'no-store' });
      status = res.status;
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      this.failures = 0;
      this.handlers.onConnection(true, res.status);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const parsed = parseSseBlock(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (parsed?.event === 'hello') this.handlers.onHello(parsed.data as Hello);
          else if (parsed?.event === 'catalog.changed') this.handlers.onCatalogChanged((parsed.data as { seq: number }).seq);
        }
      }
      status = 0;
    } catch {
      // Network gone, server down or aborted: reported below.
    }
    if (controller !== this.controller || this.stopped) return;
    this.handlers.onConnection(false, status);
    this.schedule();
  }
}
