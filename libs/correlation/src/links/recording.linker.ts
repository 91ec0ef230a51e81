import type { LegSummary } from '../model/leg';
import type { Link, LinkEvidence } from '../model/link';
import { numbersMatch } from '../observe/numbers';
import { commonClock, formatDelay } from './clock';
import type { LinkSet } from './link-set';

export interface RecordingOptions {
  /** Longest delay between the recorded leg's answer and the recording INVITE. */
  windowUs: number;
  propagationUs: number;
}

export const DEFAULT_RECORDING_OPTIONS: RecordingOptions = { windowUs: 5_000_000, propagationUs: 2_000_000 };

/** A recording leg: FireBrick's X-Record, a SIPREC client (+sip.src), or a leg into a recorder pool. */
export const isRecordingLeg = (leg: LegSummary) => leg.recording || /record/i.test(leg.uas.pool ?? '');

/**
 * Recording legs name the call they record only by behaviour: the device starts them right after
 * a call it handles is answered, with the parties' numbers, and ends them when that call ends.
 * Each recording leg joins the answered leg at its device closest before it.
 */
export function linkRecordings(legs: readonly LegSummary[], links: LinkSet, options = DEFAULT_RECORDING_OPTIONS): void {
  for (const rec of legs) {
    const link = bestRecordedLeg(rec, legs, options);
    if (link) links.add(link.legs[0], link.legs[1], link.kind, link.confidence, link.evidence, link.device);
  }
}

/** The leg a recording leg records, among the legs at its device, or undefined. */
export function bestRecordedLeg(
  rec: LegSummary,
  candidates: readonly LegSummary[],
  options: RecordingOptions = DEFAULT_RECORDING_OPTIONS,
): Link | undefined {
  if (!isRecordingLeg(rec)) return undefined;
  const device = rec.uac.id;
  let best: { leg: LegSummary; gap: number; evidence: LinkEvidence[]; score: number } | undefined;
  for (const leg of candidates) {
    if (leg.id === rec.id || isRecordingLeg(leg) || leg.kind !== 'call') continue;
    if (leg.uac.id !== device && leg.uas.id !== device) continue;
    const clock = commonClock(leg, rec, device);
    const answered = clock.a.answered;
    const started = clock.b.firstRequest ?? clock.b.request;
    if (answered === undefined || started === undefined) continue;
    const gap = started - answered;
    const tolerance = clock.sameClock ? 0 : 50_000;
    if (gap < -tolerance || gap > options.windowUs) continue;
    const evidence: LinkEvidence[] = [
      {
        signal: rec.recording ? 'X-Record' : 'recorder pool',
        detail: rec.recording
          ? `${rec.uac.name} marked this leg as a recording (X-Record) to ${rec.uas.name}`
          : `${rec.uas.name} is in the ${rec.uas.pool} pool`,
      },
      {
        signal: 'timing',
        detail: `recording started ${formatDelay(gap)} after the call was answered at ${rec.uac.name}`,
        values: { delay: formatDelay(gap) },
      },
    ];
    let score = 0.5;
    if (numbersMatch(rec.from.number, leg.from.number) || numbersMatch(rec.from.number, leg.assertedIdentity?.number)) {
      score += 0.2;
      evidence.push({ signal: 'caller', detail: `same caller ${rec.from.user}` });
    }
    if (
      numbersMatch(rec.to.number, leg.requestUri.number) ||
      numbersMatch(rec.to.number, leg.to.number) ||
      (rec.to.user !== '' && (rec.to.user === leg.requestUri.user || rec.to.user === leg.to.user))
    ) {
      score += 0.2;
      evidence.push({ signal: 'callee', detail: `same called party ${rec.to.user}` });
    }
    const byeGap =
      clock.a.bye !== undefined && clock.b.bye !== undefined ? Math.abs(clock.a.bye - clock.b.bye) : undefined;
    if (byeGap !== undefined && byeGap <= options.propagationUs) {
      score += 0.1;
      evidence.push({ signal: 'bye', detail: `recording ended within ${formatDelay(byeGap)} of the call` });
    }
    if (!best || gap < best.gap || (gap === best.gap && leg.id < best.leg.id)) best = { leg, gap, evidence, score };
  }
  if (!best) return undefined;
  const legs: [string, string] = best.leg.id < rec.id ? [best.leg.id, rec.id] : [rec.id, best.leg.id];
  return { legs, kind: 'recording', device, confidence: Math.min(1, best.score), evidence: best.evidence };
}
