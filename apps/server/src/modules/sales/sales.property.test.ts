import { uuidv7 } from '@opentill/core';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test-support/harness.js';
import { describeEachDb } from '../../test-support/test-db.js';
import { salesKit } from './sales-test-kit.js';

const SKUS = ['BROT-ROGGEN', 'BR-SCHRIPPE', 'BR-BREZEL', 'SG-CROISSANT', 'KU-KAESE', 'KAF-ESPRESSO', 'GET-MATE'];

describeEachDb('sales: random baskets are paid and totalled to the cent', (target) => {
  const h = useHarness(target);
  const k = salesKit(h);
  let reg = '';
  let ids: string[] = [];

  beforeAll(async () => {
    await k.init();
    reg = h.demo.registerIds[0]!;
    await k.openShift(reg);
    ids = await Promise.all(SKUS.map(async (s) => (await k.product(s)).id));
  });

  it('payments sum to the total and line totals sum to the total', async () => {
    const basket = fc.array(fc.record({ i: fc.nat({ max: SKUS.length - 1 }), units: fc.integer({ min: 1, max: 7 }) }), { minLength: 1, maxLength: 6 });
    const split = fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(basket, split, async (items, weights) => {
        const lines = items.map((it) => ({ productId: ids[it.i]!, qty: it.units * 1000 }));
        const total = await k.quote(lines);
        // Split the total into cash / card / voucher parts that add up exactly.
        const tenders = ['cash', 'card', 'voucher'] as const;
        const sum = weights.reduce((a, b) => a + b, 0) || 1;
        const parts = weights.map((w) => Math.floor((total * w) / sum));
        parts[0]! += total - parts.reduce((a, b) => a + b, 0);
        const payments = parts
          .map((amount, n) => ({ amount, tender: tenders[n]! }))
          .filter((p) => p.amount > 0)
          .map((p) => ({
            id: uuidv7(),
            tender: p.tender,
            amount: p.amount,
            ...(p.tender === 'card' && { card: { brand: 'Visa', last4: '0005', authCode: 'X1', terminalRef: uuidv7() } }),
          }));
        const res = await k.post('/sales', k.saleBody(reg, lines, total, payments));
        expect(res.statusCode, res.body).toBe(201);
        const sale = res.json() as { total: number; rounding: number; lines: { total: number }[]; payments: { amount: number }[] };
        expect(sale.total).toBe(total);
        expect(sale.payments.reduce((s, p) => s + p.amount, 0)).toBe(sale.total + sale.rounding);
        expect(sale.lines.reduce((s, l) => s + l.total, 0)).toBe(sale.total);
      }),
      { numRuns: 25 },
    );
  });
});
