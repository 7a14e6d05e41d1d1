import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './uuidv7.js';

describe('uuidv7', () => {
  it('produces RFC 9562 version-7 ids that embed the timestamp', () => {
    const id = uuidv7(Date.UTC(2026, 10, 27, 12, 0, 0));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 27, 12, 0, 0));
  });

  it('is strictly increasing even for many ids in the same millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    const sorted = [...ids].sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted).toEqual(ids);
  });

  it('keeps the random part random across refills of the random-byte pool', () => {
    // 2000 ids draw 32 KiB: eight refills of the 4 KiB pool. Ids of different milliseconds take their
    // random tail from the pool; no two may share it.
    const ids = Array.from({ length: 2000 }, (_, i) => uuidv7(1_700_000_000_000 + i * 10));
    expect(ids.every(isUuid)).toBe(true);
    const tails = new Set(ids.map((id) => id.slice(19)));
    expect(tails.size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
