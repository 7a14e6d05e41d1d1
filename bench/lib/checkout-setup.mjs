// Set-up for the checkout benchmark: the real server with 50 paired registers, each with a cashier
// PIN session and an open shift, a 3-product basket priced by the server, and sale request builders.
import { api } from './checkout-server.mjs';
import { startDemoServer } from './server.mjs';
import { login } from './server.mjs';

/**
 * Starts the server (SQLite, or PostgreSQL at `databaseUrl`) and prepares `registerCount` registers.
 * Returns { server, storeId, basket, total, registers, saleOf(reg), requestOf(reg) }; the caller
 * stops `server`. saleOf/requestOf advance the register's sequence number (reg.seq).
 */
export async function setupCheckout({ root, log, databaseUrl, uuidv7, registerCount, nodeArgs = [], cli }) {
  const server = await startDemoServer({
    root,
    log,
    databaseUrl,
    env: { OPENTILL_LOGIN_RATE_LIMIT: '100000', OPENTILL_PIN_RATE_LIMIT: '100000' },
    nodeArgs,
    cli,
  });
  try {
    const base = server.baseUrl;
    const owner = await login(base);
    const storeId = (await api(base, 'GET', '/api/v1/stores', { token: owner })).items[0].id;
    const basket = await pickBasket(base, owner, storeId);
    const quote = await api(base, 'POST', '/api/v1/pricing/quote', {
      token: owner,
      body: { storeId, lines: basket.map((p) => ({ productId: p.id, qty: 1000 })) },
    });
    const total = quote.totals.payable;
    if (!Number.isInteger(total) || total <= 0)
      throw new Error(`unexpected quote: ${JSON.stringify(quote).slice(0, 300)}`);
    log(`basket: ${basket.map((p) => `${p.sku} ${p.price}`).join(', ')} → total ${total}`);

    log(`creating ${registerCount} registers (pair device, PIN login, open shift) …`);
    const registers = [];
    for (let i = 0; i < registerCount; i++) {
      const reg = await api(base, 'POST', `/api/v1/stores/${storeId}/registers`, {
        token: owner,
        body: { name: `Bench ${i + 1}` },
      });
      const { code } = await api(base, 'POST', `/api/v1/registers/${reg.id}/pairing-codes`, { token: owner });
      const { deviceToken } = await api(base, 'POST', '/api/v1/devices/pair', {
        body: { code, name: `bench-${i + 1}` },
      });
      const { token } = await api(base, 'POST', '/api/v1/auth/pin-login', {
        device: deviceToken,
        body: { pin: '1234' },
      });
      await api(base, 'POST', `/api/v1/registers/${reg.id}/shifts`, {
        token: owner,
        body: { id: uuidv7(), openingFloat: 10_000 },
      });
      registers.push({ index: i, id: reg.id, device: deviceToken, token, seq: 1, prefix: `B${i + 1}` });
    }

    const { saleOf, requestOf } = saleBuilders({ basket, total, uuidv7 });
    return { server, storeId, basket, total, registers, saleOf, requestOf };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/**
 * Request builders for a register `{ id, token, device, seq, prefix }`: saleOf(reg) → { id, seq, body }
 * and requestOf(reg) → { headers (raw lines), body } for closedLoopHttp. Both advance reg.seq. Also
 * used inside the load worker (http-load-worker.mjs), so the sale is the same whichever side sends it.
 */
export function saleBuilders({ basket, total, uuidv7 }) {
  /** The next sale of `reg`: new ids, next register sequence number and receipt number, cash. */
  const saleOf = (reg) => {
    const seq = reg.seq++;
    const id = uuidv7();
    const body = JSON.stringify({
      id,
      registerId: reg.id,
      registerSeq: seq,
      receiptNo: `${reg.prefix}-${String(seq).padStart(6, '0')}`,
      lines: basket.map((p) => ({ id: uuidv7(), productId: p.id, qty: 1000 })),
      payments: [{ id: uuidv7(), tender: 'cash', amount: total, tendered: total }],
      totals: { total },
    });
    return { id, seq, body };
  };
  /** Raw header lines + body for closedLoopHttp. */
  const requestOf = (reg) => {
    const { id, body } = saleOf(reg);
    return {
      headers: `authorization: Bearer ${reg.token}\r\nx-device-token: ${reg.device}\r\nidempotency-key: ${id}\r\n`,
      body,
    };
  };
  return { saleOf, requestOf };
}

/** Three active piece-goods products with a store price and no modifiers/variants/deposit. */
async function pickBasket(base, token, storeId) {
  const page = await api(base, 'GET', `/api/v1/catalog/products?storeId=${storeId}&limit=100`, { token });
  const ok = page.items
    .filter(
      (p) =>
        p.status === 'active' &&
        !p.soldByWeight &&
        p.unit === 'piece' &&
        p.variants.length === 0 &&
        p.modifierGroupIds.length === 0 &&
        !p.depositProductId,
    )
    .map((p) => ({
      id: p.id,
      sku: p.sku,
      taxClass: p.taxClass,
      price: p.prices.find((x) => x.storeId === storeId && x.variantId === null)?.price,
    }))
    .filter((p) => Number.isInteger(p.price) && p.price > 0)
    .sort((a, b) => (a.sku < b.sku ? -1 : 1));
  // Mix tax classes when the demo allows it (two VAT rates on the receipt, as is usual).
  const reduced = ok.filter((p) => p.taxClass !== 'standard');
  const standard = ok.filter((p) => p.taxClass === 'standard');
  const basket = [...standard.slice(0, 2), ...reduced.slice(0, 1)];
  for (const p of ok) if (basket.length < 3 && !basket.includes(p)) basket.push(p);
  if (basket.length < 3)
    throw new Error(`demo catalog has only ${basket.length} plain products with a price`);
  return basket;
}
