import { describe, expect, it } from 'vitest';
import { utcOffsetMinutes } from './utc-offset.js';

describe('utcOffsetMinutes (store time for promotions)', () => {
  it('follows the daylight-saving switches of Europe/Berlin to the second, also when asked again', () => {
    for (let round = 0; round < 2; round++) {
      expect(utcOffsetMinutes('Europe/Berlin', new Date('2026-03-29T00:59:59Z'))).toBe(60);
      expect(utcOffsetMinutes('Europe/Berlin', new Date('2026-03-29T01:00:00Z'))).toBe(120);
      expect(utcOffsetMinutes('Europe/Berlin', new Date('2026-10-25T00:59:59Z'))).toBe(120);
      expect(utcOffsetMinutes('Europe/Berlin', new Date('2026-10-25T01:00:00Z'))).toBe(60);
    }
  });

  it('knows half-hour zones and zones without daylight saving', () => {
    expect(utcOffsetMinutes('Asia/Kolkata', new Date('2026-11-27T12:00:00Z'))).toBe(330);
    expect(utcOffsetMinutes('Australia/Adelaide', new Date('2026-04-04T16:29:59Z'))).toBe(630);
    expect(utcOffsetMinutes('Australia/Adelaide', new Date('2026-04-04T16:30:00Z'))).toBe(570);
    expect(utcOffsetMinutes('UTC', new Date('2026-11-27T12:00:00Z'))).toBe(0);
  });
});
