/**
 * UK civil time (Europe/London) to UTC, computed, not looked up: since 1996 the UK follows the EU
 * summer-time rule (Directive 2000/84/EC, earlier 94/21/EC): BST (UTC+1) runs from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October; GMT (UTC+0) otherwise.
 * Older dates use the same rule, which is close but not exact for 1981–1995 (UK rule differed).
 */
const HOUR_MS = 3_600_000;

/** Day of month (1–31) of the last Sunday of `month` (1–12) in `year`. */
export function lastSundayOf(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekday = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay(); // 0 = Sunday
  return lastDay - weekday;
}

/** True when the UTC instant (ms) falls in British Summer Time. */
export function isBritishSummerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  const start = Date.UTC(year, 2, lastSundayOf(year, 3), 1);
  const end = Date.UTC(year, 9, lastSundayOf(year, 10), 1);
  return utcMs >= start && utcMs < end;
}

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * UTC ms for a wall-clock time in London. The hour that repeats in October is read as its first
 * occurrence (BST); a time in the hour skipped in March is read as GMT (it then lies in BST).
 */
export function londonLocalToUtcMs(t: LocalDateTime): number {
  const asIfUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const summer = asIfUtc - HOUR_MS;
  return isBritishSummerTime(summer) ? summer : asIfUtc;
}
