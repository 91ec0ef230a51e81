import type { LegSummary, LegTimesAtDevice } from '../model/leg';

/**
 * Event times of two legs on one clock: the device where they meet if it logged both (a FireBrick
 * logging its own legs), else another observer that saw both (a probe), else each leg's own first
 * observer — then the clocks may differ and comparisons get a tolerance.
 */
export function commonClock(
  a: LegSummary,
  b: LegSummary,
  device: string,
): { a: LegTimesAtDevice; b: LegTimesAtDevice; sameClock: boolean; observer: string } {
  if (a.times[device] && b.times[device])
    return { a: a.times[device], b: b.times[device], sameClock: true, observer: device };
  const shared = a.observedBy.find((o) => b.times[o] && a.times[o]);
  if (shared) return { a: a.times[shared]!, b: b.times[shared]!, sameClock: true, observer: shared };
  const oa = a.observedBy[0] ?? '';
  const ob = b.observedBy[0] ?? '';
  return { a: a.times[oa] ?? {}, b: b.times[ob] ?? {}, sameClock: false, observer: oa };
}

export function formatDelay(us: number): string {
  const ms = us / 1000;
  if (Math.abs(ms) < 10) return `${ms.toFixed(1)} ms`;
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
