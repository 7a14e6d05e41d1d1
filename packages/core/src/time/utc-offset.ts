/**
 * UTC offset of a time zone at an instant, in minutes (CET +60, CEST +120): the `now` of a
 * PricingInput, so that happy hours and time windows are in store time. The server (quote, checkout)
 * and the offline register must compute the same offset, or a register's price would be refused as
 * a mismatch — hence one implementation, here. Intl only: no I/O, works in Node and the browser.
 */
// Creating an Intl.DateTimeFormat costs far more than using one; a shop has one or a few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

// Zones change their offset only on quarter hours: one answer per zone and quarter hour (every sale
// asks, for the happy hour in store time).
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const key = `${timeZone}|${Math.floor(at.getTime() / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = computeUtcOffsetMinutes(timeZone, at);
    if (offsets.size >= 1000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function computeUtcOffsetMinutes(timeZone: string, at: Date): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}
