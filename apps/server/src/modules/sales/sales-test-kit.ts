import { uuidv7 } from '@opentill/core';
import type { Harness } from '../../test-support/harness.js';

/** Helpers for the sales suites (test-only). */

let registerSeqs = new Map<string, number>();
/** Register session token → its device token (register sessions need both on every request). */
const devices = new Map<string, string>();

export function salesKit(h: Harness) {
  const kit = {
    owner: '',
    async init() {
      kit.owner = await h.login();
      registerSeqs = new Map();
    },
    /** Opens a shift on the register unless one is open (fixture: the shifts API belongs to issue 4 items 5–8). */
    async openShift(registerId: string) {
      const open = await h.database.db.selectFrom('shifts').select('id').where('open_register_id', '=', registerId).executeTakeFirst();
      if (open) return open.id;
      const id = uuidv7();
      await h.database.db
        .insertInto('shifts')
        .values({ id, store_id: h.demo.storeId, register_id: registerId, open_register_id: registerId, status: 'open', opened_by: null, opened_by_name: 'test', opened_at: new Date().toISOString(), opening_float: 0 } as never)
        .execute();
      return id;
    },
    async closeShift(registerId: string) {
      await h.database.db.updateTable('shifts').set({ open_register_id: null, status: 'closed' } as never).where('open_register_id', '=', registerId).execute();
    },
    async product(sku: string) {
      return h.database.db.selectFrom('products').select(['id', 'name']).where('sku', '=', sku).executeTakeFirstOrThrow();
    },
    /** The server's payable total for lines (via /pricing/quote). */
    async quote(lines: { productId: string; qty?: number }[]) {
      const res = await h.req({ method: 'POST', url: '/api/v1/pricing/quote', token: kit.owner, body: { storeId: h.demo.storeId, lines } });
      if (res.statusCode !== 200) throw new Error(`quote: ${res.body}`);
      return res.json().totals.payable as number;
    },
    nextSeq(registerId: string) {
      const n = (registerSeqs.get(registerId) ?? 0) + 1;
      registerSeqs.set(registerId, n);
      return n;
    },
    /** A complete sale body on `registerId`, paid in cash with `total`. */
    saleBody(registerId: string, lines: { productId: string; qty: number }[], total: number, payments?: unknown[]) {
      const seq = kit.nextSeq(registerId);
      return {
        id: uuidv7(),
        registerId,
        registerSeq: seq,
        receiptNo: `K1-${String(seq).padStart(6, '0')}`,
        lines: lines.map((l) => ({ id: uuidv7(), ...l })),
        payments: payments ?? [{ id: uuidv7(), tender: 'cash', amount: total, tendered: total }],
        totals: { total },
      };
    },
    post(url: string, body: object | undefined, opts: { token?: string; key?: string } = {}) {
      const token = opts.token ?? kit.owner;
      const device = devices.get(token);
      return h.req({ method: 'POST', url: `/api/v1${url}`, token, ...(device && { device }), body, ...(opts.key ? { headers: { 'idempotency-key': opts.key } } : {}) });
    },
    get(url: string, token?: string) {
      const t = token ?? kit.owner;
      const device = devices.get(t);
      return h.req({ method: 'GET', url: `/api/v1${url}`, token: t, ...(device && { device }) });
    },
    async counts() {
      const out = {} as Record<'sales' | 'sale_lines' | 'sale_payments' | 'idempotency_keys' | 'stock_movements' | 'journal_entries', number>;
      for (const t of ['sales', 'sale_lines', 'sale_payments', 'idempotency_keys', 'stock_movements', 'journal_entries'] as const) out[t] = await h.count(t);
      return out;
    },
    /** A register session (paired device + cashier PIN) on `registerId`. */
    async registerSession(registerId: string, pin = '1234') {
      const device = await h.pair(registerId);
      const res = await h.pinLogin(device, pin);
      if (res.statusCode !== 200) throw new Error(`pin-login: ${res.body}`);
      const token = res.json().token as string;
      devices.set(token, device);
      return { token, device };
    },
  };
  return kit;
}
