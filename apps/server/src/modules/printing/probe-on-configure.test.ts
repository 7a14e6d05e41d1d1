import { afterAll, beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from '../sales/sales-test-kit.js';
import { FakePrinter, PAPER_OUT } from './fake-printer.js';
import { startDelivery, type Delivery } from './start-delivery.js';

describeEachDb('printing: a newly configured printer is asked for its status at once', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let delivery: Delivery;
  const printer = new FakePrinter();

  beforeAll(async () => {
    await k.init();
    // No timers: without the configure event nothing would ever ask the printer.
    delivery = startDelivery({ db: h.database.db, clock: h.clock, events: h.events, timers: false });
  });
  afterAll(async () => {
    await delivery?.stop();
    await printer.close();
  });

  async function statusBecomes(registerId: string, want: string) {
    for (let i = 0; i < 200; i++) {
      const s = (await k.get(`/registers/${registerId}/printer`)).json();
      if (s.status === want) return s;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`printer status never became ${want}`);
  }

  it('shows ready right after saving, and paper out after saving again with paper out', async () => {
    const reg = h.demo.registerIds[0]!;
    const port = await printer.listen();
    const put = () => h.req({ method: 'PUT', url: `/api/v1/registers/${reg}/printer-config`, token: k.owner, body: { host: '127.0.0.1', port, width: 80 } });
    expect((await put()).statusCode).toBe(200);
    expect(await statusBecomes(reg, 'ready')).toMatchObject({ configured: true, queued: 0 });
    printer.state = { ...PAPER_OUT };
    expect((await put()).statusCode).toBe(200);
    await statusBecomes(reg, 'paper_out');
  });
});
