import { afterAll, beforeAll, expect, it } from 'vitest';
import { InProcessEventBus } from '../../platform/events/index.js';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from '../sales/sales-test-kit.js';
import { FakePrinter } from './fake-printer.js';
import { startDelivery, type Delivery } from './start-delivery.js';

describeEachDb('printing: automatic receipts survive a crash between the sale and its event', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let delivery: Delivery;
  const printer = new FakePrinter();

  beforeAll(async () => {
    await k.init();
    await k.openShift(h.demo.registerIds[0]!);
    // A bus nobody publishes on: the sale.completed events of this run never reach the worker, as if
    // the server had died right after committing.
    delivery = startDelivery({ db: h.database.db, clock: h.clock, events: new InProcessEventBus(), timers: false });
  });
  afterAll(async () => {
    await delivery?.stop();
    await printer.close();
  });

  it('the catch-up sweep queues the missed receipt once, and it prints once', async () => {
    const reg = h.demo.registerIds[0]!;
    const port = await printer.listen();
    const put = await h.req({ method: 'PUT', url: `/api/v1/registers/${reg}/printer-config`, token: k.owner, body: { host: '127.0.0.1', port, width: 80, autoPrint: true } });
    expect(put.statusCode, put.body).toBe(200);
    const bread = await k.product('BROT-ROGGEN');
    const lines = [{ productId: bread.id, qty: 1000 }];
    const sale = await k.post('/sales', k.saleBody(reg, lines, await k.quote(lines)));
    expect(sale.statusCode, sale.body).toBe(201);
    const jobs = () => h.database.db.selectFrom('delivery_jobs').select(['channel', 'status']).where('sale_id', '=', sale.json().id).execute();
    expect(await jobs()).toEqual([]);

    expect(await delivery.catchUp()).toBe(1);
    expect(await delivery.catchUp()).toBe(0);
    expect(await jobs()).toEqual([{ channel: 'print', status: 'queued' }]);
    expect(await delivery.tick()).toBe(1);
    await printer.waitForJobs(1);
    expect(await jobs()).toEqual([{ channel: 'print', status: 'sent' }]);
    expect(await delivery.catchUp()).toBe(0);
  });
});
