import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DomainEvent } from '../../platform/events/index.js';
import { invalid, notFound } from '../../platform/errors.js';
import { authorize, requireActor } from '../auth/authorize.js';
import { findStore } from '../stores/stores.repository.js';
import { currentCatalogSeq, highestRegisterSeq } from './register-state.query.js';
import { eventsQuery } from './realtime.schema.js';
import { registerParkedSalesRoute } from './parked-sales.js';
import { SseStream } from './sse-stream.js';

/** Tunables; tests shorten them. */
export const realtimeSettings = {
  /** Comment line this often, below common proxy idle timeouts (nginx 60 s). */
  keepAliveMs: 20_000,
  /** A catalog import appends thousands of changes; registers get at most one hint per window. */
  coalesceMs: 250,
};

interface CatalogChanged {
  orgId: string;
  seq: number;
  storeId: string | null;
}

/**
 * GET /api/v1/events: server-sent events for the caller's store. Registers only get *hints*
 * (`catalog.changed {seq}`); the data itself always comes from the change feed, so a missed hint
 * costs nothing but latency. The first event, `hello`, carries the current catalog sequence and —
 * for a register session — the highest register sequence number the server knows.
 */
export function registerRealtimeRoutes(server: FastifyInstance): void {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const pepper = app.deps.pinPepper;
  registerParkedSalesRoute(server);

  app.get(
    '/events',
    {
      schema: {
        tags: ['realtime'],
        summary: 'Server-sent events: catalog change hints and keep-alives (text/event-stream)',
        querystring: eventsQuery,
      },
    },
    async (request, reply) => {
      requireActor(request.ctx);
      const storeId = request.query.storeId ?? request.ctx.session?.storeId ?? undefined;
      if (!storeId) {
        await authorize(request, 'catalog.read', { pepper });
        throw invalid('store_required', 'Name the store (storeId); only register sessions have one', {
          field: 'querystring.storeId',
        });
      }
      const ctx = await authorize(request, 'catalog.read', { storeId, pepper });
      const store = await findStore(ctx, storeId);
      if (!store) throw notFound('Store');
      const registerId = ctx.session?.registerId ?? null;
      const hello = {
        storeId: store.id,
        registerId,
        catalogSeq: await currentCatalogSeq(ctx),
        registerSeq: registerId ? await highestRegisterSeq(ctx, registerId) : null,
        serverTime: ctx.clock.now().toISOString(),
      };

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Proxies such as nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
        // The security-header hook does not run for a hijacked reply.
        'x-content-type-options': 'nosniff',
      });
      const stream = new SseStream(res);
      stream.send('hello', hello, hello.catalogSeq);
      if (request.query.once) {
        stream.close();
        return;
      }

      const orgId = ctx.actor!.orgId;
      let pending: number | null = null;
      let timer: NodeJS.Timeout | null = null;
      const flush = () => {
        timer = null;
        if (pending !== null) stream.send('catalog.changed', { seq: pending }, pending);
        pending = null;
      };
      const unsubscribe = app.deps.events.subscribe('catalog.changed', (event: DomainEvent) => {
        const p = event.payload as CatalogChanged;
        // Another organisation's catalog, or another store's prices: not this register's business.
        if (p.orgId !== orgId || (p.storeId !== null && p.storeId !== store.id)) return;
        pending = Math.max(pending ?? 0, p.seq);
        timer ??= setTimeout(flush, realtimeSettings.coalesceMs);
      });
      const keepAlive = setInterval(() => stream.comment('keep-alive'), realtimeSettings.keepAliveMs);
      stream.onClose(() => {
        unsubscribe();
        clearInterval(keepAlive);
        if (timer) clearTimeout(timer);
        openStreams.delete(stream);
      });
      openStreams.add(stream);
    },
  );

  // A graceful shutdown must not wait for event streams that never end on their own.
  app.addHook('preClose', async () => {
    for (const s of [...openStreams]) s.close();
  });
}

const openStreams = new Set<SseStream>();

/** Open event streams of this process (metrics and tests). */
export function openEventStreams(): number {
  return openStreams.size;
}
