import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../demo/seed.js';
import { domainEvent } from '../../platform/events/index.js';
import { systemContext } from '../../platform/context.js';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { openEventStreams, realtimeSettings } from './index.js';

interface SseEvent {
  event: string;
  data: unknown;
  comment?: string;
}

/** Reads a real text/event-stream over TCP and splits it into events and comments. */
async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const received: SseEvent[] = [];
  let buffer = '';
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith(':'))
            received.push({ event: 'comment', data: null, comment: block.slice(1).trim() });
          else {
            const field = (k: string) =>
              block
                .split('\n')
                .find((l) => l.startsWith(`${k}: `))
                ?.slice(k.length + 2);
            received.push({ event: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') });
          }
        }
      }
    } catch {
      // Aborted by the test.
    }
  })();
  const waitFor = async (pred: (e: SseEvent) => boolean, ms = 3000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const hit = received.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no matching event in ${ms} ms; got ${JSON.stringify(received)}`);
  };
  return { res, received, waitFor, close: async () => (controller.abort(), await reading) };
}

describeEachDb('realtime: GET /api/v1/events', (target) => {
  const h = useHarness(target);
  let base: string;
  let owner: string;
  let cashier: { token: string; device: string };
  const saved = { ...realtimeSettings };

  beforeAll(async () => {
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}/api/v1`;
    owner = await h.login();
    const device = await h.pair(h.demo.registerIds[0]);
    const login = await h.pinLogin(device, DEMO.cashier.pin);
    expect(login.statusCode).toBe(200);
    cashier = { token: login.json().token as string, device };
    Object.assign(realtimeSettings, { keepAliveMs: 40, coalesceMs: 20 });
  });
  afterAll(() => void Object.assign(realtimeSettings, saved));

  it('refuses anonymous callers and callers outside the store, and needs a store for non-register sessions', async () => {
    expect((await h.req({ method: 'GET', url: '/api/v1/events' })).statusCode).toBe(401);
    const noStore = await h.req({ method: 'GET', url: '/api/v1/events?once=true', token: owner });
    expect(noStore.statusCode).toBe(400);
    expect(noStore.json().error.code).toBe('store_required');
    const other = await h.req({
      method: 'GET',
      url: `/api/v1/events?once=true&storeId=${randomUUID()}`,
      token: owner,
    });
    expect(other.statusCode).toBe(404);
    expect(openEventStreams()).toBe(0);
  });

  it('greets a register with the catalog sequence and its highest register sequence number (once=true closes)', async () => {
    const res = await h.req({
      method: 'GET',
      url: '/api/v1/events?once=true',
      token: cashier.token,
      device: cashier.device,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const data = JSON.parse(/data: (.*)/.exec(res.body)![1]!);
    expect(data).toMatchObject({
      storeId: h.demo.storeId,
      registerId: h.demo.registerIds[0],
      registerSeq: 0,
    });
    expect(data.catalogSeq).toBeGreaterThan(0);
  });

  it('pushes coalesced catalog.changed hints of the own organisation and store, keeps alive, and cleans up on disconnect', async () => {
    const stream = await openStream(`${base}/events`, {
      authorization: `Bearer ${cashier.token}`,
      'x-device-token': cashier.device,
    });
    expect(stream.res.status).toBe(200);
    const hello = (await stream.waitFor((e) => e.event === 'hello')).data as { catalogSeq: number };
    expect(openEventStreams()).toBe(1);

    // Three changes in a burst arrive as one hint carrying the newest sequence number.
    for (const n of [1, 2, 3]) {
      const res = await h.req({
        method: 'POST',
        url: '/api/v1/catalog/categories',
        token: owner,
        body: { name: `Realtime ${n} ${randomUUID().slice(0, 6)}` },
      });
      expect(res.statusCode).toBe(201);
    }
    const hint = await stream.waitFor((e) => e.event === 'catalog.changed');
    expect(hint.data).toEqual({ seq: hello.catalogSeq + 3 });
    await new Promise((r) => setTimeout(r, 60));
    expect(stream.received.filter((e) => e.event === 'catalog.changed')).toHaveLength(1);

    // Another organisation's change and another store's prices are not this register's business.
    const ctx = systemContext(h.database.db, h.clock, h.demo.orgId);
    h.events.publish(
      domainEvent(ctx, 'catalog.changed', '', { orgId: randomUUID(), seq: 999_999, storeId: null }),
    );
    h.events.publish(
      domainEvent(ctx, 'catalog.changed', randomUUID(), {
        orgId: h.demo.orgId,
        seq: 999_998,
        storeId: randomUUID(),
      }),
    );
    await stream.waitFor((e) => e.event === 'comment' && e.comment === 'keep-alive');
    await new Promise((r) => setTimeout(r, 60));
    expect(stream.received.filter((e) => e.event === 'catalog.changed').map((e) => e.data)).toEqual([
      { seq: hello.catalogSeq + 3 },
    ]);

    await stream.close();
    const deadline = Date.now() + 2000;
    while (openEventStreams() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(openEventStreams()).toBe(0);
  });

  it("lists the store's parked sales for any register of the store, newest first, and forgets resumed ones", async () => {
    const products = (
      await h.req({
        method: 'GET',
        url: `/api/v1/catalog/snapshot?storeId=${h.demo.storeId}&limit=50`,
        token: owner,
      })
    ).json().products as { id: string; sku: string; variants: unknown[] }[];
    const croissant = products.find((p) => p.sku === 'SG-CROISSANT')!;
    const id = randomUUID();
    const auth = { token: cashier.token, device: cashier.device };
    const opened = await h.req({
      method: 'POST',
      url: '/api/v1/sales/open',
      ...auth,
      body: { id, lines: [{ id: randomUUID(), productId: croissant.id, qty: 2000 }] },
    });
    expect(opened.statusCode).toBe(201);
    expect((await h.req({ method: 'POST', url: `/api/v1/sales/${id}/park`, ...auth })).statusCode).toBe(200);

    // Chris signs in on Kasse 2 and sees the sale parked on Kasse 1.
    const device2 = await h.pair(h.demo.registerIds[1]);
    const other = {
      token: (await h.pinLogin(device2, DEMO.cashier.pin)).json().token as string,
      device: device2,
    };
    const list = await h.req({ method: 'GET', url: '/api/v1/parked-sales', ...other });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      id,
      registerId: h.demo.registerIds[0],
      total: 380,
      lineCount: 1,
      cashierName: DEMO.cashier.name,
    });
    expect(
      (await h.req({ method: 'POST', url: `/api/v1/sales/${id}/resume`, ...other, body: {} })).statusCode,
    ).toBe(200);
    expect(
      (await h.req({ method: 'GET', url: '/api/v1/parked-sales', ...other }))
        .json()
        .items.map((i: { id: string }) => i.id),
    ).not.toContain(id);
  });
});
