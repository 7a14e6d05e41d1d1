import { describe, expect, it } from 'vitest';
import { combinations, generateDrafts, optionsKey, suggestSku } from './variant-matrix';

describe('variant matrix', () => {
  it('multiplies the axes out in order', () => {
    expect(
      combinations([
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Colour', values: ['Red', 'Blue'] },
      ]),
    ).toEqual([
      { Size: 'S', Colour: 'Red' },
      { Size: 'S', Colour: 'Blue' },
      { Size: 'M', Colour: 'Red' },
      { Size: 'M', Colour: 'Blue' },
    ]);
    expect(combinations([{ name: '', values: ['x'] }])).toEqual([]);
    expect(combinations([{ name: 'Size', values: [] }])).toEqual([]);
  });

  it('suggests SKUs the server accepts', () => {
    expect(suggestSku('TSHIRT', { Größe: 'XL', Farbe: 'Dunkel grün' })).toBe('TSHIRT-XL-DUNKEL-GRUN');
    expect(suggestSku('', { Größe: 'Groß' })).toBe('SKU-GROSS');
    expect(suggestSku('A', { x: '***' })).toBe('A');
  });

  it('adds only combinations that are not there yet', () => {
    const axes = [{ name: 'Size', values: ['S', 'M', 'L'] }];
    const first = generateDrafts(axes, 'T', [{ Size: 'S' }], []);
    expect(first.map((d) => d.sku)).toEqual(['T-M', 'T-L']);
    const again = generateDrafts(axes, 'T', [{ Size: 'S' }], first);
    expect(again).toHaveLength(2);
    expect(optionsKey({ b: '1', a: '2' })).toBe(optionsKey({ a: '2', b: '1' }));
  });
});
