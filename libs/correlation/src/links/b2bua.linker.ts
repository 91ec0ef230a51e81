import type { LegSummary } from '../model/leg';
import type { Link, LinkEvidence } from '../model/link';
import { numbersMatch } from '../observe/numbers';
import { commonClock, formatDelay } from './clock';
import type { LinkSet } from './link-set';

export interface B2buaOptions {
  /** Longest delay between the incoming INVITE and an outgoing one it caused (cascades wait). */
  windowUs: number;
  /** Longest delay for an event to propagate through the device (200, CANCEL, BYE). */
  propagationUs: number;
  /** Tolerance for comparing times taken on different clocks. */
  clockToleranceUs: number;
  /** Least score to accept a link. */
  minScore: number;
}

export const DEFAULT_B2BUA_OPTIONS: B2buaOptions = {
  windowUs: 10_000_000,
  propagationUs: 2_000_000,
  clockToleranceUs: 50_000,
  minScore: 0.5,
};

interface Candidate {
  inbound: LegSummary;
  score: number;
  gapUs: number;
  evidence: LinkEvidence[];
}

const within = (delta: number | undefined, max: number, min = 0) => delta !== undefined && delta >= min && delta <= max;
const diff = (later: number | undefined, earlier: number | undefined) =>
  later === undefined || earlier === undefined ? undefined : later - earlier;

/**
 * B2BUA inference at one device (FIREBRICK.md "What this means for correlation" §2): nothing in
 * the SIP links an incoming INVITE to the INVITEs a back-to-back user agent sends, so they are
 * joined by behaviour — sent within a short window after the received one, carrying the same
 * caller or dialled number (allowing +44/0 and extension translations) or the same SDP origin, and
 * events propagating through the device afterwards (a 200 on one outgoing leg answers the incoming
 * one and CANCELs its siblings; a CANCEL or BYE on one leg is repeated on the other). Each signal
 * is kept as evidence. An outgoing leg has at most one cause: the best-scoring incoming leg.
 */
export function linkB2bua(
  legs: readonly LegSummary[],
  links: LinkSet,
  options: B2buaOptions = DEFAULT_B2BUA_OPTIONS,
): void {
  for (const out of legs) {
    const link = bestB2buaParent(out, legs, options);
    if (link) links.add(link.legs[0], link.legs[1], link.kind, link.confidence, link.evidence, link.device);
  }
}

/** Whether a leg can be the outgoing side of a B2BUA hop. */
export const isOutgoingCall = (leg: LegSummary) => leg.kind === 'call' && !leg.recording;

/**
 * The incoming leg that caused `out` at its sending device, among `candidates` (which should hold
 * every call leg at that device within the window: incoming ones, and the fork siblings whose
 * answers explain a CANCEL), or undefined.
 */
export function bestB2buaParent(
  out: LegSummary,
  candidates: readonly LegSummary[],
  options: B2buaOptions = DEFAULT_B2BUA_OPTIONS,
): Link | undefined {
  if (!isOutgoingCall(out)) return undefined;
  const device = out.uac.id;
  let best: Candidate | undefined;
  for (const inbound of candidates) {
    if (inbound.kind !== 'call' || inbound.uas.id !== device) continue;
    if (inbound.id === out.id || inbound.callId === out.callId) continue;
    const candidate = score(inbound, out, device, candidates, options);
    if (!candidate || candidate.score < options.minScore) continue;
    if (
      !best ||
      candidate.score > best.score ||
      (candidate.score === best.score &&
        (candidate.gapUs < best.gapUs || (candidate.gapUs === best.gapUs && inbound.id < best.inbound.id)))
    ) {
      best = candidate;
    }
  }
  if (!best) return undefined;
  const legs: [string, string] = best.inbound.id < out.id ? [best.inbound.id, out.id] : [out.id, best.inbound.id];
  return { legs, kind: 'b2bua', device, confidence: Math.min(1, best.score), evidence: best.evidence };
}

function score(
  inbound: LegSummary,
  out: LegSummary,
  device: string,
  legs: readonly LegSummary[],
  options: B2buaOptions,
): Candidate | undefined {
  const clock = commonClock(inbound, out, device);
  const tolerance = clock.sameClock ? 0 : options.clockToleranceUs;
  const gap = diff(clock.b.firstRequest ?? clock.b.request, clock.a.request ?? clock.a.firstRequest);
  if (!within(gap, options.windowUs + tolerance, -tolerance)) return undefined;
  const name = out.uac.name;
  const evidence: LinkEvidence[] = [
    {
      signal: 'timing',
      detail: `${name} sent this INVITE ${formatDelay(gap!)} after it received the INVITE from ${inbound.uac.name}`,
      values: { delay: formatDelay(gap!) },
    },
  ];
  let total = gap! <= 50_000 ? 0.2 : gap! <= 500_000 ? 0.1 : 0;
  let strong = 0;

  const inCaller = inbound.assertedIdentity?.number ?? inbound.from.number;
  const outCaller = out.assertedIdentity?.number ?? out.from.number;
  if (numbersMatch(inbound.from.number, out.from.number) || numbersMatch(inCaller, outCaller)) {
    total += 0.35;
    strong++;
    evidence.push({
      signal: 'caller',
      detail: `same caller: ${inbound.from.user || inCaller} on the incoming leg, ${out.from.user || outCaller} on the outgoing leg`,
      values: { caller: (inCaller ?? inbound.from.number)! },
    });
  }
  const inDialled = inbound.requestUri.number ?? inbound.to.number;
  const outDialled = out.requestUri.number ?? out.to.number;
  if (numbersMatch(inDialled, outDialled)) {
    total += 0.25;
    strong++;
    evidence.push({
      signal: 'dialled',
      detail: `same dialled number: ${inbound.requestUri.user} in, ${out.requestUri.user} out`,
      values: { dialled: inDialled! },
    });
  }
  const sharedOrigin = inbound.sdpOrigins.find((o) => out.sdpOrigins.includes(o));
  if (sharedOrigin) {
    total += 0.4;
    strong++;
    evidence.push({
      signal: 'sdp-origin',
      detail: `same SDP origin o=${sharedOrigin}`,
      values: { origin: sharedOrigin },
    });
  }

  const p = options.propagationUs + tolerance;
  const answerGap = diff(clock.a.answered, clock.b.answered);
  if (within(answerGap, p, -tolerance)) {
    total += 0.35;
    strong++;
    evidence.push({
      signal: 'answer',
      detail: `${name} answered the incoming leg ${formatDelay(answerGap!)} after ${out.uas.name} answered`,
    });
  }
  const cancelGap = diff(clock.b.cancel, clock.a.cancel);
  if (within(cancelGap, p, -tolerance)) {
    total += 0.3;
    strong++;
    evidence.push({ signal: 'cancel', detail: `CANCEL passed on by ${name} after ${formatDelay(cancelGap!)}` });
  }
  const byeGap = diff(clock.a.bye, clock.b.bye);
  if (byeGap !== undefined && Math.abs(byeGap) <= p) {
    total += 0.3;
    strong++;
    evidence.push({ signal: 'bye', detail: `BYE passed on by ${name} within ${formatDelay(Math.abs(byeGap))}` });
  }
  const failGap = diff(clock.a.final, clock.b.final);
  if ((out.finalStatus ?? 0) >= 300 && (inbound.finalStatus ?? 0) >= 300 && within(failGap, p, -tolerance)) {
    total += 0.25;
    strong++;
    evidence.push({
      signal: 'failure',
      detail: `${out.finalStatus} from ${out.uas.name} became ${inbound.finalStatus} to ${inbound.uac.name} after ${formatDelay(failGap!)}`,
    });
  }
  // A fork sibling answered and this leg was cancelled right after: one fork group (RFC 3261 §16.7 step 10 behaviour).
  if (clock.b.cancel !== undefined) {
    for (const sibling of legs) {
      if (sibling.id === out.id || sibling.uac.id !== device || sibling.kind !== 'call') continue;
      const s = sibling.times[clock.observer]?.answered;
      const g = diff(clock.b.cancel, s);
      if (within(g, p, -tolerance)) {
        total += 0.2;
        strong++;
        evidence.push({
          signal: 'fork',
          detail: `${name} cancelled this leg ${formatDelay(g!)} after ${sibling.uas.name} answered a parallel leg`,
        });
        break;
      }
    }
  }
  if (strong === 0) return undefined;
  return { inbound, score: total, gapUs: gap!, evidence };
}
