import { afterAll, beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { decodeEscPos } from '../receipts/index.js';
import { salesKit } from '../sales/sales-test-kit.js';
import { claimJob, settleJob } from './delivery-queue.js';
import { DeliveryWorker } from './delivery-worker.js';
import { COVER_OPEN, FakePrinter, freePort, PAPER_OUT, READY } from './fake-printer.js';
import { printJobHandler } from './print-jobs.js';
import { TcpPrinterTransport } from './printer-transport.js';
import { startDelivery, type Delivery } from './start-delivery.js';

const EURO_CP858 = 0xd5;
const hasSeq = (buf: Uint8Array, seq: number[]) => Buffer.from(buf).indexOf(Buffer.from(seq)) >= 0;

describeEachDb('printing: network receipt printers, queue, status, drawer', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let reg = '';
  let reg2 = '';
  let bread = { id: '', name: '' };
  let delivery: Delivery;
  const printers: FakePrinter[] = [];

  const put = (url: string, body: object) =>
    h.req({ method: 'PUT', url: `/api/v1${url}`, token: k.owner, body });
  const configure = (registerId: string, port: number, extra: object = {}) =>
    put(`/registers/${registerId}/printer-config`, {
      host: '127.0.0.1',
      port,
      width: 80,
      codepage: 'cp858',
      autoPrint: true,
      ...extra,
    });
  const messageJobs = async () =>
    Number(
      (
        await h.database.db
          .selectFrom('delivery_jobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', 'in', ['email', 'sms'])
          .executeTakeFirstOrThrow()
      ).n,
    );
  const status = async (registerId: string) => (await k.get(`/registers/${registerId}/printer`)).json();
  const jobsOf = (saleId: string) =>
    h.database.db
      .selectFrom('delivery_jobs')
      .selectAll()
      .where('sale_id', '=', saleId)
      .orderBy('created_at')
      .execute();
  /** The auto-print job is queued by an event handler right after the sale committed. */
  async function autoJob(saleId: string) {
    for (let i = 0; i < 100; i++) {
      const [job] = await jobsOf(saleId);
      if (job) return job;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no print job was queued for the sale');
  }
  async function sellCash(registerId: string) {
    const lines = [{ productId: bread.id, qty: 2000 }];
    const total = await k.quote(lines);
    const res = await k.post('/sales', k.saleBody(registerId, lines, total));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; receiptNo: string; total: number };
  }
  async function printer(state = READY) {
    const p = new FakePrinter();
    p.state = { ...state };
    printers.push(p);
    return { p, port: await p.listen() };
  }

  beforeAll(async () => {
    await k.init();
    [reg, reg2] = h.demo.registerIds as [string, string];
    await k.openShift(reg);
    await k.openShift(reg2);
    bread = await k.product('BROT-ROGGEN');
    delivery = startDelivery({ db: h.database.db, clock: h.clock, events: h.events, timers: false });
  });
  afterAll(async () => {
    await delivery?.stop();
    for (const p of printers) await p.close();
  });

  it('refuses a bad printer config with a clear error and stores nothing', async () => {
    const bad: [object, string][] = [
      [{ host: 'http://printer.local', width: 80 }, 'body.host'],
      [{ host: '10.0.0.5', port: 0, width: 80 }, 'body.port'],
      [{ host: '10.0.0.5', width: 72 }, 'body.width'],
      [{ host: '10.0.0.5', width: 80, codepage: 'utf8' }, 'body.codepage'],
      [{ host: '10.0.0.5', width: 80, paper: 'a4' }, 'body.paper'],
    ];
    for (const [body, field] of bad) {
      const res = await put(`/registers/${reg2}/printer-config`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.message).toContain(field);
    }
    expect((await k.get(`/registers/${reg2}/printer-config`)).json()).toEqual({ printer: null });
    expect(await status(reg2)).toMatchObject({ configured: false, status: 'unknown', queued: 0 });

    const ok = await put(`/registers/${reg}/printer-config`, { host: 'bon-drucker.local', width: 58 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().printer).toMatchObject({
      host: 'bon-drucker.local',
      port: 9100,
      width: 58,
      codepage: 'cp858',
      autoPrint: true,
    });
    const audit = (await k.get('/audit?action=printer.configured')).json().items;
    expect(audit[0]).toMatchObject({ action: 'printer.configured', entity: { type: 'register', id: reg } });
  });

  it('prints a German cash sale on the network printer: text, € in CP858, QR, cut and drawer pulse', async () => {
    const { p, port } = await printer();
    expect((await configure(reg, port)).statusCode).toBe(200);
    // Saving the address asks the printer for its status at once (DLE EOT 1, 2, 4).
    for (let i = 0; i < 200 && (await status(reg)).status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(p.statusQueries).toEqual([1, 2, 4]);
    p.statusQueries.length = 0;
    const sale = await sellCash(reg);
    const job = await autoJob(sale.id);
    expect(job).toMatchObject({ channel: 'print', status: 'queued', register_id: reg });
    expect(await delivery.tick()).toBe(1);
    const [bytes] = await p.waitForJobs(1);
    // The status was asked before printing (DLE EOT 1, 2, 4).
    expect(p.statusQueries).toEqual([1, 2, 4]);

    const decoded = decodeEscPos(bytes!);
    const lines = decoded.lines.map((l) => l.trim().replace(/ {2,}/g, '  '));
    const euros = `${Math.trunc(sale.total / 100)},${String(sale.total % 100).padStart(2, '0')}`;
    expect(lines).toContain('Demo Store Berlin');
    expect(lines).toContain('Oranienstraße 25');
    expect(lines.find((l) => l.startsWith('BELEG'))).toContain(`Beleg-Nr. ${sale.receiptNo}`);
    expect(lines.find((l) => l.startsWith(bread.name))).toMatch(new RegExp(`${euros} B$`));
    expect(lines).toContain('2 x 4,50');
    expect(lines).toContain(`SUMME  ${euros} €`);
    expect(lines).toContain(`Bar  ${euros} €`);
    expect(lines.find((l) => l.startsWith('MwSt'))).toBeTruthy();
    expect(lines.find((l) => l.startsWith('B 7 %'))).toMatch(new RegExp(`${euros}$`));
    expect(decoded.codepage).toBe('cp858');
    // ESC t 19 selects PC858, in which € is the single byte 0xD5.
    expect(hasSeq(bytes!, [0x1b, 0x74, 19])).toBe(true);
    expect(bytes!.includes(EURO_CP858)).toBe(true);
    // The QR points to the sale's digital receipt (the same live link the API hands out).
    const link = await k.post(`/sales/${sale.id}/receipt-link`, undefined);
    expect(link.statusCode, link.body).toBe(200);
    expect(decoded.qrCodes).toEqual([link.json().url]);
    expect(decoded.cuts).toBe(1);
    expect(decoded.drawerPulses).toEqual([expect.objectContaining({ pin: 2 })]);

    expect((await jobsOf(sale.id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await status(reg)).toMatchObject({
      configured: true,
      status: 'ready',
      queued: 0,
      lastError: null,
    });
    // Nothing more to do, and nothing printed twice.
    expect(await delivery.tick()).toBe(0);
    expect(p.jobs).toHaveLength(1);
  });

  it('reprints as a marked copy, audited; an open or voided sale has no receipt', async () => {
    const { p, port } = await printer();
    await configure(reg, port);
    const sale = await sellCash(reg);
    await autoJob(sale.id);
    await delivery.tick();
    const res = await k.post(`/sales/${sale.id}/print`, {});
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', copy: true });
    await delivery.tick();
    const [original, copy] = await p.waitForJobs(2);
    expect(decodeEscPos(original!).lines.join('\n')).not.toMatch(/KOPIE/);
    const copyText = decodeEscPos(copy!).lines.join('\n');
    expect(copyText).toMatch(/KOPIE/);
    // A copy never opens the drawer.
    expect(decodeEscPos(copy!).drawerPulses).toEqual([]);
    const audit = (await k.get('/audit?action=receipt.reprint')).json().items;
    expect(audit[0]).toMatchObject({ entity: { type: 'sale', id: sale.id } });
    const job = await k.get(`/delivery-jobs/${res.json().jobId}`);
    expect(job.json()).toMatchObject({ channel: 'print', status: 'sent', saleId: sale.id });

    const open = await k.post('/sales/open', {
      id: crypto.randomUUID(),
      registerId: reg,
      lines: [{ id: crypto.randomUUID(), productId: bread.id, qty: 1000 }],
    });
    expect(open.statusCode, open.body).toBe(201);
    const refused = await k.post(`/sales/${open.json().id}/print`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('sale_not_completed');
    expect((await k.post(`/sales/${crypto.randomUUID()}/print`, {})).statusCode).toBe(404);
    expect(await jobsOf(open.json().id)).toEqual([]);
  });

  it('prints the receipt of a cash refund automatically, with the drawer pulse for the money paid out', async () => {
    const { p, port } = await printer();
    await configure(reg, port);
    const lines = [{ productId: bread.id, qty: 2000 }];
    const sold = await k.post('/sales', k.saleBody(reg, lines, await k.quote(lines)));
    expect(sold.statusCode, sold.body).toBe(201);
    const sale = sold.json() as { id: string; lines: { id: string; total: number }[] };
    await autoJob(sale.id);
    await delivery.tick();
    const seq = k.nextSeq(reg);
    const amount = -Math.round(sale.lines[0]!.total / 2);
    const refund = await k.post(`/sales/${sale.id}/refunds`, {
      id: crypto.randomUUID(),
      registerId: reg,
      registerSeq: seq,
      receiptNo: `K1-${String(seq).padStart(6, '0')}`,
      lines: [{ id: crypto.randomUUID(), originalLineId: sale.lines[0]!.id, qty: 1000 }],
      payments: [{ id: crypto.randomUUID(), tender: 'cash', amount }],
    });
    expect(refund.statusCode, refund.body).toBe(201);
    const job = await autoJob(refund.json().id);
    expect(job).toMatchObject({ channel: 'print', register_id: reg });
    await delivery.tick();
    const [, refundBytes] = await p.waitForJobs(2);
    const decoded = decodeEscPos(refundBytes!);
    expect(decoded.lines.join('\n')).toContain(refund.json().receiptNo);
    expect(decoded.drawerPulses).toHaveLength(1);
  });

  it('completes the sale while the printer is down; the job waits and prints exactly once when the printer appears', async () => {
    const port = await freePort();
    await configure(reg, port);
    const sale = await sellCash(reg);
    expect(sale.total).toBeGreaterThan(0);
    const job = await autoJob(sale.id);
    await delivery.tick();
    const waiting = (await jobsOf(sale.id))[0]!;
    expect(waiting).toMatchObject({ id: job.id, status: 'queued', attempts: 1 });
    expect(waiting.last_error).toMatch(/unreachable/);
    const down = await status(reg);
    expect(down).toMatchObject({ configured: true, status: 'offline', queued: 1 });
    expect(down.lastError).toMatch(/127\.0\.0\.1:\d+ unreachable/);
    // Backing off: not retried before its time.
    expect(await delivery.tick()).toBe(0);

    // The printer is switched on at that address; two servers' workers race for the job.
    const p = new FakePrinter();
    printers.push(p);
    await p.listen(port);
    h.clock.advance(61_000);
    const other = new DeliveryWorker({
      env: { db: h.database.db, clock: h.clock },
      handlers: { print: printJobHandler(new TcpPrinterTransport()) },
    });
    await Promise.all([delivery.tick(), other.tick(), delivery.tick(), other.tick()]);
    await p.waitForJobs(1);
    h.clock.advance(120_000);
    await Promise.all([delivery.tick(), other.tick()]);
    await new Promise((r) => setTimeout(r, 100));
    expect(p.jobs).toHaveLength(1);
    expect((await jobsOf(sale.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await status(reg)).toMatchObject({ status: 'ready', queued: 0, lastError: null });
    // Printed a minute after the sale: the receipt comes out, the drawer stays shut.
    expect(decodeEscPos(p.jobs[0]!).drawerPulses).toEqual([]);
  });

  it('takes over a job whose worker died mid-send once its lease ran out; the dead worker cannot settle it', async () => {
    const { p, port } = await printer();
    await configure(reg, port, { autoPrint: false });
    const sale = await sellCash(reg);
    const res = await k.post(`/sales/${sale.id}/print`, {});
    expect(res.statusCode, res.body).toBe(202);
    const jobId = res.json().jobId as string;
    // A server claims the job and dies before printing (its lease stays behind).
    const claimed = await claimJob(h.database.db, jobId, 'crashed-server', h.clock.now(), 120_000);
    expect(claimed).toMatchObject({ status: 'sending', lease_owner: 'crashed-server' });
    expect(await delivery.tick()).toBe(0);
    expect(p.jobs).toHaveLength(0);

    h.clock.advance(121_000);
    await delivery.tick();
    const [bytes] = await p.waitForJobs(1);
    expect(decodeEscPos(bytes!).lines.join('\n')).toContain(sale.receiptNo);
    // The sale's drawer kick waited behind the stuck job for two minutes: dropped, never sent.
    const kick = (await jobsOf(sale.id)).find((j) => j.channel === 'drawer');
    expect(kick).toMatchObject({ status: 'failed' });
    expect(kick!.last_error).toMatch(/expired/);
    await new Promise((r) => setTimeout(r, 50));
    expect(p.jobs).toHaveLength(1);
    // The crashed server comes back and reports its old attempt as failed: ignored, the job stays sent.
    await settleJob(
      h.database.db,
      claimed!,
      'crashed-server',
      { kind: 'failed', error: 'late' },
      h.clock.now(),
      null,
    );
    expect(await k.get(`/delivery-jobs/${jobId}`).then((r) => r.json())).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
  });

  it('paper out or cover open: status shown, nothing printed, the job waits; paper loaded → prints', async () => {
    const { p, port } = await printer(PAPER_OUT);
    await configure(reg, port);
    const sale = await sellCash(reg);
    await autoJob(sale.id);
    await delivery.tick();
    expect(await status(reg)).toMatchObject({
      status: 'paper_out',
      queued: 1,
      lastError: 'Printer is out of paper',
    });
    expect(p.jobs).toHaveLength(0);

    p.state = { ...COVER_OPEN };
    await delivery.probe();
    expect(await status(reg)).toMatchObject({ status: 'cover_open', queued: 1 });

    // Paper loaded and cover shut: the next status check finds it ready and wakes the waiting job.
    p.state = { ...READY };
    await delivery.probe();
    expect(await status(reg)).toMatchObject({ status: 'ready' });
    await delivery.tick();
    await p.waitForJobs(1);
    expect(decodeEscPos(p.jobs[0]!).lines.join('\n')).toContain(sale.receiptNo);
    expect(await status(reg)).toMatchObject({ status: 'ready', queued: 0 });
  });

  it('no-sale opens the drawer through the printer: journaled, audited, permission checked', async () => {
    const { p, port } = await printer();
    await configure(reg, port, { autoPrint: false });
    const journalBefore = await h.count('journal_entries');
    const res = await k.post(`/registers/${reg}/drawer/open`, { reason: 'Wechselgeld' });
    expect(res.statusCode, res.body).toBe(202);
    await delivery.tick();
    const [bytes] = await p.waitForJobs(1);
    expect([...bytes!]).toEqual([0x1b, 0x40, 0x1b, 0x70, 0x00, 0x19, 0xfa]);
    expect(await h.count('journal_entries')).toBe(journalBefore + 1);
    const audit = (await k.get('/audit?action=cash.drawer.no_sale')).json().items;
    expect(audit[0]).toMatchObject({
      entity: { type: 'register', id: reg },
      details: { reason: 'Wechselgeld', jobId: res.json().jobId },
    });

    // A cashier has no cash.drawer.open: refused, nothing queued or journaled.
    const cashier = await k.registerSession(reg);
    const jobsBefore = await h.count('delivery_jobs');
    const denied = await k.post(`/registers/${reg}/drawer/open`, {}, { token: cashier.token });
    expect(denied.statusCode).toBe(403);
    expect(await h.count('delivery_jobs')).toBe(jobsBefore);
    expect(await h.count('journal_entries')).toBe(journalBefore + 1);

    // autoPrint off: a cash sale still kicks the drawer, without a receipt.
    const sale = await sellCash(reg);
    const kick = await autoJob(sale.id);
    expect(kick.channel).toBe('drawer');
    await delivery.tick();
    const jobs = await p.waitForJobs(2);
    expect([...jobs[1]!]).toEqual([0x1b, 0x40, 0x1b, 0x70, 0x00, 0x19, 0xfa]);
  });

  it('a register without a printer: no-sale and print answer 409 and record nothing; email without SMTP is 503', async () => {
    const registerId = reg2;
    const journal = await h.count('journal_entries');
    const res = await k.post(`/registers/${registerId}/drawer/open`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('printer_not_configured');
    expect(await h.count('journal_entries')).toBe(journal);

    // A sale on it completes; there is nothing to print it on.
    const sale = await sellCash(registerId);
    await new Promise((r) => setTimeout(r, 50));
    expect(await jobsOf(sale.id)).toEqual([]);
    const print = await k.post(`/sales/${sale.id}/print`, {});
    expect(print.statusCode).toBe(409);
    expect(print.json().error.code).toBe('printer_not_configured');

    const messages = await messageJobs();
    const mail = await k.post(`/sales/${sale.id}/email`, { to: 'kunde@example.com' });
    expect(mail.statusCode).toBe(503);
    expect(mail.json().error.code).toBe('email_not_configured');
    const sms = await k.post(`/sales/${sale.id}/sms`, { to: '+4915112345678' });
    expect(sms.statusCode).toBe(503);
    expect(sms.json().error.code).toBe('sms_not_configured');
    expect(await messageJobs()).toBe(messages);
    expect(await jobsOf(sale.id)).toEqual([]);
  });
});
