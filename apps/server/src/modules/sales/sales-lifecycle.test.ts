import { uuidv7 } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from './sales-test-kit.js';

describeEachDb('sales: refunds, void, park/resume, card terminal', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let reg1 = '';
  let reg2 = '';
  let bread = { id: '', name: '' };
  const stockOf = async (productId: string) =>
    (await h.database.db.selectFrom('stock_movements').select('qty_milli').where('product_id', '=', productId).execute()).reduce((s, r) => s + Number(r.qty_milli), 0);

  beforeAll(async () => {
    await k.init();
    [reg1, reg2] = h.demo.registerIds as [string, string];
    await k.openShift(reg1);
    await k.openShift(reg2);
    bread = await k.product('BROT-DINKEL');
  });

  async function sell(qty: number) {
    const lines = [{ productId: bread.id, qty }];
    const body = k.saleBody(reg1, lines, await k.quote(lines));
    const res = await k.post('/sales', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const refundBodies = new Map<string, object>();
  const refund = (saleId: string, lineId: string, qty: number, amount: number, id = uuidv7()) => {
    const seq = k.nextSeq(reg1);
    const body = { id, registerId: reg1, registerSeq: seq, receiptNo: `K1-${seq}`, lines: [{ id: uuidv7(), originalLineId: lineId, qty }], payments: [{ id: uuidv7(), tender: 'cash', amount }] };
    refundBodies.set(id, body);
    return k.post(`/sales/${saleId}/refunds`, body);
  };

  it('refunds partially up to the sold quantity; parts add up exactly; stock restored once even on retry', async () => {
    const sale = await sell(3000);
    const line = sale.lines[0];
    const stock0 = await stockOf(bread.id);
    const share1 = -Math.round((line.total * 1000) / 3000);
    const r1 = await refund(sale.id, line.id, 1000, share1);
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json()).toMatchObject({ kind: 'refund', originalSaleId: sale.id, total: share1 });
    expect(await stockOf(bread.id)).toBe(stock0 + 1000);

    const over = await refund(sale.id, line.id, 3000, -line.total);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'refund_exceeds_sold', details: { sold: 3000, refunded: 1000, requested: 3000 } });

    const rest = -line.total - share1;
    const id = uuidv7();
    const r2 = await refund(sale.id, line.id, 2000, rest, id);
    expect(r2.statusCode, r2.body).toBe(201);
    expect(r1.json().total + r2.json().total).toBe(-line.total);
    expect(await stockOf(bread.id)).toBe(stock0 + 3000);
    // The same refund document again: the stored answer, no second stock movement.
    const again = await k.post(`/sales/${sale.id}/refunds`, refundBodies.get(id));
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(r2.body);
    expect(await stockOf(bread.id)).toBe(stock0 + 3000);
    const original = (await k.get(`/sales/${sale.id}`)).json();
    expect(original.lines[0].refundedQty).toBe(3000);
    expect((await refund(sale.id, line.id, 1000, -1)).json().error.code).toBe('refund_exceeds_sold');
  });

  it('replays a retried refund from its key without restoring stock twice', async () => {
    const sale = await sell(1000);
    const line = sale.lines[0];
    const stock0 = await stockOf(bread.id);
    const seq = k.nextSeq(reg1);
    const body = { id: uuidv7(), registerId: reg1, registerSeq: seq, receiptNo: `K1-${seq}`, lines: [{ id: uuidv7(), originalLineId: line.id, qty: 1000 }], payments: [{ id: uuidv7(), tender: 'cash', amount: -line.total }] };
    const [a, b] = await Promise.all([k.post(`/sales/${sale.id}/refunds`, body), k.post(`/sales/${sale.id}/refunds`, body)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.body).toBe(b.body);
    expect(await stockOf(bread.id)).toBe(stock0 + 1000);
  });

  it('refunds without a receipt only with sales.refund.no_receipt', async () => {
    const cashier = await k.registerSession(reg1);
    const seq = k.nextSeq(reg1);
    const total = await k.quote([{ productId: bread.id, qty: 1000 }]);
    const body = { id: uuidv7(), registerSeq: seq, receiptNo: `K1-${seq}`, lines: [{ id: uuidv7(), productId: bread.id, qty: 1000 }], payments: [{ id: uuidv7(), tender: 'cash', amount: -total }], reason: 'no receipt' };
    const denied = await k.post('/refunds/no-receipt', body, { token: cashier.token });
    expect(denied.statusCode).toBe(403);
    const ok = await h.req({ method: 'POST', url: '/api/v1/refunds/no-receipt', token: cashier.token, device: cashier.device, body, headers: { 'x-override-pin': '9999' } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'refund', originalSaleId: null, total: -total });
  });

  it('exchanges returned and new items in one document', async () => {
    const sale = await sell(1000);
    const croissant = await k.product('SG-CROISSANT');
    const newTotal = await k.quote([{ productId: croissant.id, qty: 2000 }]);
    const total = newTotal - sale.lines[0].total;
    const seq = k.nextSeq(reg1);
    const res = await k.post(`/sales/${sale.id}/exchanges`, {
      id: uuidv7(),
      registerId: reg1,
      registerSeq: seq,
      receiptNo: `K1-${seq}`,
      returns: [{ id: uuidv7(), originalLineId: sale.lines[0].id, qty: 1000 }],
      lines: [{ id: uuidv7(), productId: croissant.id, qty: 2000 }],
      payments: total === 0 ? [] : [{ id: uuidv7(), tender: 'cash', amount: total }],
      totals: { total },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'exchange', total });
    expect(res.json().lines.map((l: { qty: number }) => l.qty)).toEqual([-1000, 2000]);
  });

  it('parks a sale on Kasse 1 and resumes and completes it on Kasse 2', async () => {
    const k1 = await k.registerSession(reg1);
    const k2 = await k.registerSession(reg2);
    const id = uuidv7();
    const opened = await k.post('/sales/open', { id, lines: [{ id: uuidv7(), productId: bread.id, qty: 1000 }] }, { token: k1.token });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({ status: 'open', registerId: reg1 });
    expect((await k.post(`/sales/${id}/resume`, {}, { token: k2.token })).json().error.code).toBe('invalid_transition');
    expect((await k.post(`/sales/${id}/park`, {}, { token: k1.token })).json()).toMatchObject({ status: 'parked' });
    const resumed = await k.post(`/sales/${id}/resume`, {}, { token: k2.token });
    expect(resumed.json()).toMatchObject({ status: 'open', registerId: reg2 });
    expect((await k.post(`/sales/${id}/resume`, {}, { token: k1.token })).statusCode).toBe(409);
    const total = resumed.json().total as number;
    const done = await k.post(`/sales/${id}/complete`, { registerSeq: 1, receiptNo: 'K2-000001', payments: [{ id: uuidv7(), tender: 'cash', amount: total }] }, { token: k2.token });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', registerId: reg2, receiptNo: 'K2-000001' });
    // Completed sales are immutable.
    expect((await h.req({ method: 'PATCH', url: `/api/v1/sales/${id}`, token: k2.token, device: k2.device, body: { lines: [] } })).statusCode).toBe(400);
    expect((await k.post(`/sales/${id}/void`, { reason: 'late' })).json().error.code).toBe('invalid_transition');
  });

  it('gives a resumed parked sale back with its line discounts, modifiers and cart discount', async () => {
    const k1 = await k.registerSession(reg1);
    const k2 = await k.registerSession(reg2);
    const id = uuidv7();
    const lineId = uuidv7();
    const opened = await k.post('/sales/open', { id, lines: [{ id: lineId, productId: bread.id, qty: 2000, modifierOptionIds: [], discount: { percentBp: 1000 } }], cartDiscount: { amount: 50 } }, { token: k1.token });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await k.post(`/sales/${id}/park`, {}, { token: k1.token })).statusCode).toBe(200);
    const resumed = (await k.post(`/sales/${id}/resume`, {}, { token: k2.token })).json();
    expect(resumed.cartDiscount).toEqual({ amount: 50 });
    expect(resumed.lines.find((l: { id: string }) => l.id === lineId).input).toEqual({ modifierOptionIds: [], discount: { percentBp: 1000 }, priceOverride: null });
  });

  it('voids an open sale (sales.void) and records nothing sold', async () => {
    const cashier = await k.registerSession(reg1);
    const id = uuidv7();
    expect((await k.post('/sales/open', { id, lines: [{ id: uuidv7(), productId: bread.id, qty: 1000 }] }, { token: cashier.token })).statusCode).toBe(201);
    expect((await k.post(`/sales/${id}/void`, { reason: 'customer left' }, { token: cashier.token })).statusCode).toBe(403);
    const voided = await h.req({ method: 'POST', url: `/api/v1/sales/${id}/void`, token: cashier.token, device: cashier.device, body: { reason: 'customer left' }, headers: { 'x-override-pin': '9999' } });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'voided', voidReason: 'customer left', storeSeq: null });
  });

  it('card terminal: approve, decline (sale stays open, cash kept), cancel, timeout, lost answer → recovery without double charge', async () => {
    const cashier = await k.registerSession(reg1);
    const terminal = h.terminals.get(reg1);
    const id = uuidv7();
    const opened = await k.post('/sales/open', { id, lines: [{ id: uuidv7(), productId: bread.id, qty: 2000 }] }, { token: cashier.token });
    const total = opened.json().total as number;
    const cash = await k.post(`/sales/${id}/payments`, { id: uuidv7(), tender: 'cash', amount: 100, tendered: 100 }, { token: cashier.token });
    expect(cash.statusCode, cash.body).toBe(201);
    const card = (payId: string, amount: number) => k.post(`/registers/${reg1}/card-payments`, { id: payId, amount, saleId: id }, { token: cashier.token });

    terminal.next('decline');
    const declined = await card(uuidv7(), total - 100);
    expect(declined.statusCode, declined.body).toBe(201);
    expect(declined.json()).toMatchObject({ status: 'declined', authCode: null });
    let sale = (await k.get(`/sales/${id}`)).json();
    expect(sale.status).toBe('open');
    expect(sale.payments.map((p: { tender: string; status: string }) => `${p.tender}:${p.status}`)).toEqual(['cash:approved', 'card:declined']);

    terminal.next('cancel');
    expect((await card(uuidv7(), total - 100)).json().status).toBe('cancelled');

    terminal.next('timeout');
    const timedOut = uuidv7();
    expect((await card(timedOut, total - 100)).json()).toMatchObject({ status: 'timeout', next: 'recover' });
    // Retrying the same attempt never reaches the terminal again.
    expect((await card(timedOut, total - 100)).json().status).toBe('timeout');
    const recoveredTimeout = await k.post(`/registers/${reg1}/card-payments/${timedOut}/recover`, undefined, { token: cashier.token });
    expect(recoveredTimeout.json()).toMatchObject({ status: 'failed', next: null });

    terminal.next('lost_answer');
    const lost = uuidv7();
    const chargesBefore = terminal.charges.length;
    expect((await card(lost, total - 100)).json().status).toBe('timeout');
    expect((await card(lost, total - 100)).json().status).toBe('timeout');
    const recovered = await k.post(`/registers/${reg1}/card-payments/${lost}/recover`, undefined, { token: cashier.token });
    expect(recovered.json()).toMatchObject({ status: 'approved', brand: 'girocard', last4: '4242' });
    expect((await k.post(`/registers/${reg1}/card-payments/${lost}/recover`, undefined, { token: cashier.token })).json().status).toBe('approved');
    expect(terminal.charges.length - chargesBefore).toBe(1);

    sale = (await k.get(`/sales/${id}`)).json();
    expect(sale.payments.filter((p: { status: string }) => p.status === 'approved').map((p: { amount: number }) => p.amount)).toEqual([100, total - 100]);
    const done = await k.post(`/sales/${id}/complete`, { registerSeq: 900, receiptNo: 'K1-000900' }, { token: cashier.token });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().payments.find((p: { id: string }) => p.id === lost).card).toMatchObject({ brand: 'girocard', last4: '4242' });
    // No card number anywhere in the sale: only brand and last 4 are kept. UUIDs are removed first
    // because their hex groups can be all digits by chance.
    const withoutIds = JSON.stringify(done.json()).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
    expect(withoutIds).not.toMatch(/\d{12,}/);

    // An approved card payment can be referenced by POST /sales (amount checked against the terminal).
    const direct = uuidv7();
    const lines = [{ productId: bread.id, qty: 1000 }];
    const t2 = await k.quote(lines);
    expect((await k.post(`/registers/${reg1}/card-payments`, { id: direct, amount: t2 }, { token: cashier.token })).json().status).toBe('approved');
    const body = k.saleBody(reg1, lines, t2, [{ id: direct, tender: 'card', amount: t2 }]);
    const res = await k.post('/sales', { ...body, registerId: undefined }, { token: cashier.token });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().payments[0].card).toMatchObject({ brand: 'girocard', authCode: expect.stringMatching(/^A/) });
  });

  it('a card payment still running at the terminal cannot be "recovered" as not charged; the cashier can abort it', async () => {
    const cashier = await k.registerSession(reg1);
    const terminal = h.terminals.get(reg1);
    const post = (url: string, body?: object) => k.post(url, body, { token: cashier.token });
    const chargesBefore = terminal.charges.length;

    // The customer is at the terminal; a second screen asks to recover: refused, nothing settled.
    terminal.next('hold');
    const running = uuidv7();
    const started = post(`/registers/${reg1}/card-payments`, { id: running, amount: 500 });
    await new Promise((r) => setTimeout(r, 50));
    const early = await post(`/registers/${reg1}/card-payments/${running}/recover`);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.code).toBe('payment_in_progress');
    // The customer pays: the approval is recorded (it was not lost to an early "recovery").
    terminal.completeHeld();
    expect((await started).json()).toMatchObject({ status: 'approved', amount: 500 });
    expect(terminal.charges.length - chargesBefore).toBe(1);

    // The cashier aborts a running payment: the start request ends "cancelled", nothing charged.
    terminal.next('hold');
    const aborted = uuidv7();
    const pending = post(`/registers/${reg1}/card-payments`, { id: aborted, amount: 700 });
    await new Promise((r) => setTimeout(r, 50));
    const cancel = await post(`/registers/${reg1}/card-payments/${aborted}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(202);
    expect((await pending).json()).toMatchObject({ status: 'cancelled', next: null });
    expect(terminal.charges.length - chargesBefore).toBe(1);
    // Cancelling a finished payment is refused and changes nothing.
    const late = await post(`/registers/${reg1}/card-payments/${aborted}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('payment_not_running');
  });

  it("refuses a sale on another store's register", async () => {
    const store = await k.post('/stores', { name: `Other ${Date.now()}`, address: { line1: 'X 1', postalCode: '20095', city: 'Hamburg', country: 'DE' }, currency: 'EUR', timeZone: 'Europe/Berlin', locale: 'de-DE' });
    const foreign = (await k.post(`/stores/${store.json().id}/registers`, { name: 'HH 1' })).json().id as string;
    const cashier = await k.registerSession(reg1);
    const before = await k.counts();
    const res = await k.post('/sales', k.saleBody(foreign, [{ productId: bread.id, qty: 1000 }], 1), { token: cashier.token });
    expect(res.statusCode).toBe(403);
    expect(await k.counts()).toEqual(before);
  });
});
