import { uuidv7 } from '@opentill/core';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';

describeEachDb('register audit events: a removed cart line reaches the audit log once', (target) => {
  const h = useHarness(target);
  let device: string;
  let cashier: string;
  let registerId: string;

  beforeAll(async () => {
    registerId = h.demo.registerIds[0]!;
    device = await h.pair(registerId);
    cashier = (await h.pinLogin(device, '1234')).json().token as string;
  });

  const event = (over: Record<string, unknown> = {}) => ({
    id: uuidv7(),
    type: 'cart.line_removed',
    at: '2026-11-27T10:15:00.000Z',
    payload: {
      saleId: uuidv7(),
      lineId: uuidv7(),
      productId: uuidv7(),
      variantId: null,
      name: 'Brezel',
      qty: 2000,
      unitPrice: 129,
      lineTotal: 258,
      cashierName: 'Chris Cashier',
      cashierId: null,
    },
    ...over,
  });
  const post = (body: object, opts: { register?: string; token?: string | undefined; device?: string | undefined } = {}) =>
    h.req({ method: 'POST', url: `/api/v1/registers/${opts.register ?? registerId}/audit-events`, token: 'token' in opts ? opts.token : cashier, device: 'device' in opts ? opts.device : device, body });
  const auditRows = (eventId: string) =>
    h.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'cart.line_removed')
      .execute()
      .then((rows) => rows.filter((r) => r.details !== null && (JSON.parse(r.details) as { eventId?: string }).eventId === eventId));

  it('records the event with who, where and what, and answers a replay without a second record', async () => {
    const body = event();
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: body.id, type: 'cart.line_removed', registerId });
    const again = await post(body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    const rows = await auditRows(body.id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ store_id: h.demo.storeId, register_id: registerId, entity_type: 'sale', entity_id: body.payload.saleId, outcome: 'success' });
    expect(row.actor_user_id).not.toBeNull();
    expect(JSON.parse(row.details!)).toMatchObject({ eventId: body.id, happenedAt: body.at, productId: body.payload.productId, qty: 2000, unitPrice: 129, lineTotal: 258, name: 'Brezel' });
  });

  it('refuses the same id with another body, unknown fields and bad values, and writes nothing', async () => {
    const body = event();
    expect((await post(body)).statusCode).toBe(201);
    const reused = await post({ ...body, payload: { ...body.payload, qty: 3000 } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');

    const extra = event();
    const unknownField = await post({ ...extra, payload: { ...extra.payload, secret: 1 } });
    expect(unknownField.statusCode).toBe(400);
    const unknownTop = await post({ ...extra, note: 'x' });
    expect(unknownTop.statusCode).toBe(400);
    const badType = await post({ ...extra, type: 'sale.deleted' });
    expect(badType.statusCode).toBe(400);
    const badQty = await post({ ...extra, payload: { ...extra.payload, qty: 0 } });
    expect(badQty.statusCode).toBe(400);
    expect(await auditRows(extra.id)).toHaveLength(0);
    expect(await auditRows(body.id)).toHaveLength(1);
  });

  it('keeps a register session to its own register and needs a session', async () => {
    const other = await post(event(), { register: h.demo.registerIds[1]! });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('register_mismatch');
    const missing = await post(event(), { register: uuidv7() });
    expect(missing.statusCode).toBe(404);
    const anonymous = await post(event(), { token: undefined, device: undefined });
    expect(anonymous.statusCode).toBe(401);
  });
});
