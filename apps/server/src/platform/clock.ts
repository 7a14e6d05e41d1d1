/** Time source behind an interface so tests can move time (PIN lockouts, pairing-code expiry). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Timestamps are stored as UTC ISO-8601 strings with milliseconds; they sort lexicographically. */
export const iso = (d: Date): string => d.toISOString();
