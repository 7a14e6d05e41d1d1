import { describe, expect, it } from 'vitest';
import {
  buildPromotion,
  emptyPromotion,
  localInputToIso,
  isoToLocalInput,
  stateFromPromotion,
} from './promotion-state';

describe('promotion form state', () => {
  it('builds an n-for-price promotion with exact minor units and a coupon', () => {
    const r = buildPromotion(
      {
        ...emptyPromotion(),
        name: '3 for 5',
        type: 'n_for_price',
        quantity: '3',
        price: '5,00',
        couponCode: ' CAFE ',
        productIds: ['p1'],
      },
      's1',
      'EUR',
    );
    expect(r.ok && r.body.effect).toEqual({ type: 'n_for_price', quantity: 3, price: 500 });
    expect(r.ok && r.body.conditions).toEqual({ couponCode: 'CAFE' });
    expect(r.ok && r.body.target).toEqual({ productIds: ['p1'] });
  });

  it('reports errors with the server field paths', () => {
    const r = buildPromotion({ ...emptyPromotion(), type: 'percent_off', percent: '0' }, 's1', 'EUR');
    expect(!r.ok && r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'name:required',
      'effect.percentBp:invalid_percent',
    ]);
  });

  it('drops the target of cart-wide promotions and round-trips a stored one', () => {
    const r = buildPromotion(
      { ...emptyPromotion(), name: 'Happy', type: 'cart_percent_off', percent: '10', productIds: ['p1'] },
      's1',
      'EUR',
    );
    expect(r.ok && r.body.target).toEqual({});
    expect(r.ok && r.body.effect).toEqual({ type: 'cart_percent_off', percentBp: 1000 });
    const state = stateFromPromotion(
      {
        id: 'x',
        storeId: 's1',
        name: 'Happy',
        active: true,
        startsAt: null,
        endsAt: null,
        priority: 0,
        exclusive: true,
        target: null,
        conditions: { minBasketAmount: 2000 },
        effect: { type: 'cart_percent_off', percentBp: 1250 },
        updatedAt: '',
      },
      'EUR',
      'de',
    );
    expect(state.percent).toBe('12,50');
    expect(state.minBasket).toBe('20,00');
  });

  it('converts datetime-local values', () => {
    const iso = localInputToIso('2030-01-02T03:04');
    expect(iso).toMatch(/^2030-01-0\dT\d\d:04:00\.000Z$/);
    expect(isoToLocalInput(iso)).toBe('2030-01-02T03:04');
    expect(localInputToIso('')).toBeNull();
  });
});
