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

/** A scored candidate for the leg a recording records. */
export interface RecordedCandidate {
  legId: string;
  gapUs: number;
  score: number;
  evidence: LinkEvidence[];
}

/** The closest answer before the recording started wins; the id decides ties. */
export function betterRecorded(a: RecordedCandidate, b: RecordedCandidate | undefined): boolean {
  if (!b) return true;
  if (a.gapUs !== b.gapUs) return a.gapUs < b.gapUs;
  return a.legId < b.legId;
}

/** The leg a recording leg records, among the legs at its device, or undefined. */
export function bestRecordedLeg(
  rec: LegSummary,
  candidates: readonly LegSummary[],
  options: RecordingOptions = DEFAULT_RECORDING_OPTIONS,
): Link | undefined {
  if (!isRecordingLeg(rec)) return undefined;
  let best: RecordedCandidate | undefined;
  for (const leg of candidates) {
    const candidate = scoreRecording(leg, rec, options);
    if (candidate && betterRecorded(candidate, best)) best = candidate;
  }
  return best && recordingLink(rec, best);
}

export function recordingLink(rec: LegSummary, best: RecordedCandidate): Link {
  const legs: [string, string] = best.legId < rec.id ? [best.legId, rec.id] : [rec.id, best.legId];
  return { legs, kind: 'recording', device: rec.uac.id, confidence: Math.min(1, best.score), evidence: best.evidence };
}

/** How well `leg` (answered at the recording's device shortly before) explains recording `rec`. */
export function scoreRecording(
  leg: LegSummary,
  rec: LegSummary,
  options: RecordingOptions = DEFAULT_RECORDING_OPTIONS,
): RecordedCandidate | undefined {
  const device = rec.uac.id;
  if (leg.id === rec.id || isRecordingLeg(leg) || leg.kind !== 'call') return undefined;
  if (leg.uac.id !== device && leg.uas.id !== device) return undefined;
  const clock = commonClock(leg, rec, device);
  const answered = clock.a.answered;
  const started = clock.b.firstRequest ?? clock.b.request;
  if (answered === undefined || started === undefined) return undefined;
  const gap = started - answered;
  const tolerance = clock.sameClock ? 0 : 50_000;
  if (gap < -tolerance || gap > options.windowUs) return undefined;
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
  return { legId: leg.id, gapUs: gap, score, evidence };
}
