import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uuidv7 } from '@opentill/core';
import { afterAll, describe, expect, it } from 'vitest';
import { serverChildren, startServerProcess } from '../../test-support/server-process.js';
import { decodeEscPos } from '../receipts/index.js';
import { FakePrinter } from './fake-printer.js';

/**
 * The real CLI server (`opentill serve --demo`, what `npm start` runs) prints on its own: the
 * delivery worker starts with the server and stops with it on SIGTERM. SQLite only (the queue logic
 * itself runs on both databases in printing.test.ts).
 */
describe('printing in the running server', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opentill-print-server-'));
  const printer = new FakePrinter();
  afterAll(async () => {
    for (const child of serverChildren) child.kill('SIGKILL');
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-scratch`, { recursive: true, force: true });
  });

  it('prints a completed cash sale without being asked, and shuts the worker down on SIGTERM', async () => {
    const printerPort = await printer.listen();
    const server = await startServerProcess({ dataDir: path.join(dir, 'data'), scratch: `${dir}-scratch` });
    const call = async <T = Record<string, unknown>>(
      method: string,
      url: string,
      token?: string,
      body?: unknown,
    ): Promise<T> => {
      const res = await fetch(`${server.base}/api/v1${url}`, {
        method,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
      return json as T;
    };
    type Items = { items: { id: string }[] };
    const { token } = await call<{ token: string }>('POST', '/auth/login', undefined, {
      email: 'owner@example.com',
      password: 'opentill-demo',
    });
    const store = (await call<Items>('GET', '/stores', token)).items[0]!;
    const register = (await call<Items>('GET', `/stores/${store.id}/registers`, token)).items[0]!;
    await call('PUT', `/registers/${register.id}/printer-config`, token, {
      host: '127.0.0.1',
      port: printerPort,
      width: 58,
    });
    await call('POST', `/registers/${register.id}/shifts`, token, { id: uuidv7(), openingFloat: 10_000 });
    const found = (await call<Items>('GET', `/catalog/products?storeId=${store.id}&q=BROT-ROGGEN`, token))
      .items;
    const productId = found[0]!.id;
    const lines = [{ productId, qty: 1000 }];
    const quote = await call<{ totals: { payable: number } }>('POST', '/pricing/quote', token, {
      storeId: store.id,
      lines,
    });
    const total = quote.totals.payable;
    const sale = await call<{ id: string }>('POST', '/sales', token, {
      id: uuidv7(),
      registerId: register.id,
      registerSeq: 1,
      receiptNo: 'K1-000001',
      lines: [{ id: uuidv7(), ...lines[0] }],
      payments: [{ id: uuidv7(), tender: 'cash', amount: total, tendered: total }],
      totals: { total },
    });

    const [bytes] = await printer.waitForJobs(1, 15_000);
    const decoded = decodeEscPos(bytes!);
    expect(decoded.lines.join('\n')).toContain('K1-000001');
    expect(decoded.drawerPulses).toHaveLength(1);
    expect(decoded.cuts).toBe(1);
    // The worker records the outcome right after the printer closed the connection.
    let status = await call('GET', `/registers/${register.id}/printer`, token);
    for (let i = 0; i < 50 && status.queued !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await call('GET', `/registers/${register.id}/printer`, token);
    }
    expect(status).toMatchObject({ configured: true, status: 'ready', queued: 0 });
    expect(sale.id).toBeTruthy();

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  }, 90_000);
});
