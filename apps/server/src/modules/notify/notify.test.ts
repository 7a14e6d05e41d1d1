import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { startDelivery, type Delivery } from '../printing/index.js';
import { salesKit } from '../sales/sales-test-kit.js';
import { notifyHandlers } from './index.js';
import { decodeWords, parseMime } from './mime-test-kit.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describeEachDb('notify: email receipts over SMTP, SMS through a webhook', (target) => {
  const mails: Received[] = [];
  const smsCalls: {
    headers: http.IncomingHttpHeaders;
    body: { to: string; text: string; reference: string };
  }[] = [];
  let smtp: SMTPServer;
  let smtpPort = 0;
  let webhook: http.Server;
  let webhookPort = 0;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody@')) {
          const err = Object.assign(
            new Error('5.1.1 <nobody@example.com>: Recipient address rejected: User unknown'),
            { responseCode: 550 },
          );
          return callback(err);
        }
        if (address.address.startsWith('busy@')) {
          return callback(Object.assign(new Error('4.2.1 Mailbox busy, try later'), { responseCode: 451 }));
        }
        return callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpPort = (smtp.server.address() as AddressInfo).port;

    webhook = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString('utf8')));
      req.on('end', () => {
        const body = JSON.parse(data) as { to: string; text: string; reference: string };
        smsCalls.push({ headers: req.headers, body });
        if (body.to === '+4915100000422')
          return res
            .writeHead(422, { 'content-type': 'application/json' })
            .end('{"error":"number not reachable"}');
        if (body.to === '+4915100000503') return res.writeHead(503).end('maintenance');
        return res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"sms-1"}');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', () => resolve()));
    webhookPort = (webhook.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  });

  const h = useHarness(target, {
    env: () => ({
      OPENTILL_SMTP_HOST: '127.0.0.1',
      OPENTILL_SMTP_PORT: String(smtpPort),
      OPENTILL_SMTP_FROM: 'OpenTill Demo <bon@example.com>',
      OPENTILL_SMS_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/sms`,
      OPENTILL_SMS_WEBHOOK_AUTH: 'Bearer sms-secret',
    }),
  });
  const k = salesKit(h);
  let delivery: Delivery;
  let sale = { id: '', receiptNo: '', total: 0 };

  const job = async (id: string) => (await k.get(`/delivery-jobs/${id}`)).json();
  const jobCount = () => h.count('delivery_jobs');

  beforeAll(async () => {
    await k.init();
    const reg = h.demo.registerIds[0]!;
    await k.openShift(reg);
    const bread = await k.product('BROT-ROGGEN');
    const lines = [{ productId: bread.id, qty: 1000 }];
    const res = await k.post('/sales', k.saleBody(reg, lines, await k.quote(lines)));
    expect(res.statusCode, res.body).toBe(201);
    sale = res.json();
    delivery = startDelivery({
      db: h.database.db,
      clock: h.clock,
      events: h.events,
      timers: false,
      handlers: notifyHandlers(h.app.deps.config),
    });
  });
  afterAll(async () => {
    await delivery?.stop();
  });

  it('emails the receipt as HTML, plain text and a PDF attachment through a real SMTP server', async () => {
    const res = await k.post(`/sales/${sale.id}/email`, { to: 'kunde@example.com' });
    expect(res.statusCode, res.body).toBe(202);
    expect(await job(res.json().jobId)).toMatchObject({
      channel: 'email',
      status: 'queued',
      recipient: 'kunde@example.com',
    });
    expect(await delivery.tick()).toBe(1);
    expect(await job(res.json().jobId)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toEqual(['kunde@example.com']);
    expect(mail.from).toBe('bon@example.com');
    const { headers, parts } = parseMime(mail.raw);
    const subject = decodeWords(headers.subject!);
    expect(subject).toContain(sale.receiptNo);
    expect(subject).toContain('Demo Store Berlin');
    expect(subject).toMatch(/^Ihr Beleg/);

    const text = parts.find((p) => p.contentType === 'text/plain')!.body.toString('utf8');
    const html = parts.find((p) => p.contentType === 'text/html')!.body.toString('utf8');
    const pdf = parts.find((p) => p.contentType === 'application/pdf')!;
    expect(text).toContain(sale.receiptNo);
    expect(text).toContain('Roggen');
    expect(text).toMatch(/€/);
    expect(html).toMatch(/<html/i);
    expect(html).toContain(sale.receiptNo);
    expect(html).toContain('Roggen');
    expect(pdf.filename).toBe(`Beleg-${sale.receiptNo}.pdf`);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.body.length).toBeGreaterThan(1000);
  });

  it('reports a permanently refused recipient as bounced with the server’s reason; a 4xx is retried', async () => {
    const res = await k.post(`/sales/${sale.id}/email`, { to: 'nobody@example.com' });
    expect(res.statusCode).toBe(202);
    await delivery.tick();
    const bounced = await job(res.json().jobId);
    expect(bounced).toMatchObject({ status: 'bounced', attempts: 1 });
    expect(bounced.bounceReason).toMatch(/550.*User unknown/);

    const busy = await k.post(`/sales/${sale.id}/email`, { to: 'busy@example.com' });
    await delivery.tick();
    const waiting = await job(busy.json().jobId);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, bounceReason: null });
    expect(waiting.lastError).toMatch(/451/);
    expect(Date.parse(waiting.nextAttemptAt)).toBeGreaterThan(h.clock.now().getTime());
  });

  it('refuses bad addresses and numbers with a clear 400 before anything is queued', async () => {
    const before = await jobCount();
    for (const to of ['not-an-address', 'kunde@', 'a b@example.com', '', 'x'.repeat(250) + '@example.com']) {
      const res = await k.post(`/sales/${sale.id}/email`, { to });
      expect(res.statusCode, to).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed' });
      expect(res.json().error.message).toContain('body.to');
    }
    for (const to of ['015112345678', '+49', 'call me', '+0123456789']) {
      const res = await k.post(`/sales/${sale.id}/sms`, { to });
      expect(res.statusCode, to).toBe(400);
      expect(res.json().error.message).toMatch(/body\.to.*international format/);
    }
    expect(
      (await k.post(`/sales/${sale.id}/email`, { to: 'kunde@example.com', cc: 'x@example.com' })).statusCode,
    ).toBe(400);
    expect(await jobCount()).toBe(before);
  });

  it('texts the receipt through the JSON webhook adapter; a refused number bounces, a provider outage is retried', async () => {
    const res = await k.post(`/sales/${sale.id}/sms`, { to: '+49 151 1234-5678' });
    expect(res.statusCode, res.body).toBe(202);
    await delivery.tick();
    expect(await job(res.json().jobId)).toMatchObject({
      channel: 'sms',
      status: 'sent',
      recipient: '+4915112345678',
    });
    const call = smsCalls.at(-1)!;
    expect(call.headers.authorization).toBe('Bearer sms-secret');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.body).toMatchObject({ to: '+4915112345678', reference: res.json().jobId });
    expect(call.body.text).toContain(sale.receiptNo);
    expect(call.body.text).toContain('Demo Store Berlin');

    const refused = await k.post(`/sales/${sale.id}/sms`, { to: '+4915100000422' });
    const outage = await k.post(`/sales/${sale.id}/sms`, { to: '+4915100000503' });
    await delivery.tick();
    const r = await job(refused.json().jobId);
    expect(r).toMatchObject({ status: 'bounced' });
    expect(r.bounceReason).toMatch(/422.*number not reachable/);
    const o = await job(outage.json().jobId);
    expect(o).toMatchObject({ status: 'queued', attempts: 1 });
    expect(o.lastError).toMatch(/503/);

    // After its back-off the outage job is tried again (and the provider is still down).
    h.clock.advance(31_000);
    await delivery.tick();
    expect(await job(outage.json().jobId)).toMatchObject({ status: 'queued', attempts: 2 });
  });
});
