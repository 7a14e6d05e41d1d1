import { describe, expect, it } from 'vitest';
import { buildBenchBasket } from './bench-fixture.js';
import { priceBasket } from './index.js';

describe('bench fixture', () => {
  it('has 50 lines and 5 promotions, all of which fire', () => {
    const { input, catalog } = buildBenchBasket();
    expect(input.lines).toHaveLength(50);
    expect(input.promotions).toHaveLength(5);
    const r = priceBasket(input, catalog);
    expect(r.promotionsApplied.map((p) => p.promotionId).sort()).toEqual(
      ['coupon-5-off', 'deli-10', 'happy-hour', 'soap-b2g1', 'yoghurt-3-for-1'].sort(),
    );
    expect(r.lines.some((l) => l.priceSource === 'price_list')).toBe(true);
    expect(r.totals.net + r.totals.tax).toBe(r.totals.gross);
  });

  it('prices quickly enough for a register (smoke check, not a benchmark)', () => {
    const { input, catalog } = buildBenchBasket();
    const start = Date.now();
    for (let i = 0; i < 200; i++) priceBasket(input, catalog);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
