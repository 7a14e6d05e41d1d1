import { uuidv7 } from '@opentill/core';

/**
 * Test-only helpers for the checkout load suites (checkout-concurrency.test.ts, checkout-crash.test.ts):
 * a seeded random source, the five demo items every client sells, sale bodies as a register builds them
 * (client UUIDv7 ids, its own register sequence, cash paid exactly). The real server process they
 * SIGKILL and restart lives in server-process.ts.
 */

/** Five plain demo breads: reduced VAT, no promotion, no deposit, sold by the piece. */
export const LOAD_SKUS = [
  'BROT-ROGGEN',
  'BROT-DINKEL',
  'BROT-SAUER',
  'BROT-KARTOFFEL',
  'BROT-BAGUETTE',
] as const;

/** Every item starts with this many milli-units (50 000 pieces): far more than any run sells. */
export const START_STOCK_MILLI = 50_000_000;

/** mulberry32: small, fast, deterministic (a failing run can be replayed with its seed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BasketLine {
  productId: string;
  qty: number;
}
export interface Basket {
  lines: BasketLine[];
  /** The server's payable total (from /pricing/quote). */
  total: number;
}

/**
 * Twelve fixed baskets over the five items (1–4 lines, 1–3 pieces each), so each distinct basket is
 * priced once with /pricing/quote and every sale reuses one of them.
 */
export function basketShapes(productIds: readonly string[]): BasketLine[][] {
  const random = seededRandom(4242);
  const shapes: BasketLine[][] = productIds.map((productId) => [{ productId, qty: 1000 }]);
  while (shapes.length < 12) {
    const count = 2 + Math.floor(random() * 3);
    const picked = [...productIds].sort(() => random() - 0.5).slice(0, count);
    shapes.push(picked.map((productId) => ({ productId, qty: (1 + Math.floor(random() * 3)) * 1000 })));
  }
  return shapes;
}

export interface SaleRequest {
  body: {
    id: string;
    registerId: string;
    registerSeq: number;
    receiptNo: string;
    lines: { id: string; productId: string; qty: number }[];
    payments: { id: string; tender: 'cash'; amount: number; tendered: number }[];
    totals: { total: number };
  };
  /** The register's Idempotency-Key for this sale: the outbox re-sends the same key with the same body. */
  key: string;
}

/** A complete cash sale as the register sends it (ids are the register's UUIDv7s). */
export function saleRequest(
  registerId: string,
  registerSeq: number,
  receiptPrefix: string,
  basket: Basket,
): SaleRequest {
  const id = uuidv7();
  return {
    body: {
      id,
      registerId,
      registerSeq,
      receiptNo: `${receiptPrefix}-${String(registerSeq).padStart(6, '0')}`,
      lines: basket.lines.map((l) => ({ id: uuidv7(), productId: l.productId, qty: l.qty })),
      payments: [{ id: uuidv7(), tender: 'cash', amount: basket.total, tendered: basket.total }],
      totals: { total: basket.total },
    },
    key: `checkout-load-${id}`,
  };
}

/** Milli-units sold per product over a set of sales. */
export function soldPerProduct(sales: Iterable<SaleRequest>): Map<string, number> {
  const sold = new Map<string, number>();
  for (const s of sales)
    for (const l of s.body.lines) sold.set(l.productId, (sold.get(l.productId) ?? 0) + l.qty);
  return sold;
}

/** [1, 2, …, n] */
export const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

export { freePort, serverChildren, startServerProcess, type ServerProcess } from './server-process.js';
