import type { TimePrecision } from '@sipflow/sip';

export interface ParsedTimestamp {
  timeUs: number;
  precision: TimePrecision;
}

// RFC 5424 §6.2.3 (RFC 3339 profile): full-date "T" partial-time time-offset, TIME-SECFRAC of 1–6
// digits. Liberal: more than six fraction digits are truncated, lower-case 't'/'z' accepted.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp to µs (UTC), or null when it is not one or names an impossible time. */
export function parseRfc3339(text: string): ParsedTimestamp | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(ms).getUTCDate() !== day) return null; // 31 February
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetMin = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    if (offsetMin > 24 * 60) return null;
    ms -= sign * offsetMin * 60_000;
  }
  const micros = frac ? Number(frac.slice(0, 6).padEnd(6, '0')) : 0;
  const precision: TimePrecision = frac.length === 0 ? 's' : frac.length <= 3 ? 'ms' : 'us';
  return { timeUs: ms * 1000 + micros, precision };
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * RFC 3164 §4.1.2 TIMESTAMP "Mmm dd hh:mm:ss" has no year and no zone. The year is the one that puts
 * the time nearest `referenceUs` (when the collector received it); the zone is UTC unless
 * `toUtcMs` converts the wall-clock time (e.g. Europe/London for UK relays).
 */
export function resolveBsdTimestamp(
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  referenceUs: number,
  toUtcMs: (year: number, month: number, day: number, hour: number, minute: number, second: number) => number,
): number | null {
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const refYear = new Date(Math.floor(referenceUs / 1000)).getUTCFullYear();
  let best: number | null = null;
  for (const year of [refYear - 1, refYear, refYear + 1]) {
    const ms = toUtcMs(year, month, day, hour, minute, Math.min(second, 59));
    if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) continue; // 29 Feb
    if (best === null || Math.abs(ms * 1000 - referenceUs) < Math.abs(best * 1000 - referenceUs)) best = ms;
  }
  return best === null ? null : best * 1000;
}
