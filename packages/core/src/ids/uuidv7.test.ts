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
});
