import { describe, expect, it } from 'vitest';
import { initialWedge, wedgeKey, type WedgeState } from './wedge-scanner';

function feed(keys: [string, number][]): (string | null)[] {
  let s: WedgeState = initialWedge;
  const out: (string | null)[] = [];
  for (const [k, at] of keys) {
    const r = wedgeKey(s, k, at);
    s = r.state;
    if (k === 'Enter') out.push(r.code);
  }
  return out;
}

describe('keyboard-wedge scanner', () => {
  it('takes a fast burst ending in Enter as a scan', () => {
    const code = '4099887000014';
    expect(
      feed([
        ...[...code].map((c, i) => [c, 1000 + i * 5] as [string, number]),
        ['Enter', 1000 + code.length * 5],
      ]),
    ).toEqual([code]);
  });

  it('ignores human typing and a lone Enter', () => {
    expect(
      feed([
        ['1', 0],
        ['2', 300],
        ['3', 600],
        ['Enter', 900],
      ]),
    ).toEqual([null]);
    expect(feed([['Enter', 5]])).toEqual([null]);
  });

  it('keeps a scan whole when the machine stalls once in the middle', () => {
    const keys: [string, number][] = [...'4099887000014'].map((c, i) => [c, i * 5 + (i >= 6 ? 180 : 0)]);
    expect(feed([...keys, ['Enter', 13 * 5 + 190]])).toEqual(['4099887000014']);
  });

  it('starts over after a pause, so a stray key before the scan does not end up in the code', () => {
    expect(
      feed([
        ['x', 0],
        ['4', 1000],
        ['0', 1005],
        ['1', 1010],
        ['1', 1015],
        ['Enter', 1020],
      ]),
    ).toEqual(['4011']);
  });
});
