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
  windowUs: 5_000_000,
  propagationUs: 2_000_000,
  clockToleranceUs: 50_000,
  minScore: 0.5,
};

/** A scored cause of an outgoing leg. */
export interface B2buaCandidate {
  inboundId: string;
  score: number;
  gapUs: number;
  /** The evidence in words, written only for the candidate that wins. */
  explain: () => LinkEvidence[];
}

/** Higher score first, then the closest preceding INVITE, then the id (deterministic). */
export function betterCause(a: B2buaCandidate, b: B2buaCandidate | undefined): boolean {
  if (!b) return true;
  if (a.score !== b.score) return a.score > b.score;
  if (a.gapUs !== b.gapUs) return a.gapUs < b.gapUs;
  return a.inboundId < b.inboundId;
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
  const byCallId = new Map<string, LegSummary[]>();
  for (const leg of legs) byCallId.set(leg.callId, [...(byCallId.get(leg.callId) ?? []), leg]);
  const relayed = (leg: LegSummary) => relayedAt(leg, byCallId.get(leg.callId) ?? []);
  for (const out of legs) {
    if (relayed(out).sent) continue;
    const link = bestB2buaParent(
      out,
      legs.filter((l) => l.uas.id !== out.uac.id || !relayed(l).received),
      options,
    );
    if (link) links.add(link.legs[0], link.legs[1], link.kind, link.confidence, link.evidence, link.device);
  }
}

/**
 * Where a device relays a Call-ID rather than creating one: a proxy keeps the Call-ID of the
 * request it forwards (RFC 3261 §16.6 step 1 copies the received request), and a request that
 * spirals back (§16.3) returns with it. A B2BUA's outgoing leg carries a Call-ID of its own
 * (RFC 3261 §8.1.1.4, RFC 7092 §3), so:
 * - `sent`: `leg` leaves its sending device with a Call-ID that device also received — a relayed
 *   copy, already joined by its Call-ID, never the child of another call's INVITE;
 * - `received`: `leg` arrives at its receiving device with a Call-ID that device also sends on —
 *   relayed, never the cause of another Call-ID's leg.
 * Without this, calls with the same numbers a moment apart through a proxy (SIPp through Kamailio,
 * five calls 200 ms apart) chain into one call by their numbers and timing.
 */
export function relayedAt(leg: LegSummary, sameCallId: readonly LegSummary[]): { sent: boolean; received: boolean } {
  let sent = false;
  let received = false;
  if (leg.kind !== 'call') return { sent, received };
  for (const other of sameCallId) {
    if (other.id === leg.id || other.kind !== 'call' || other.callId !== leg.callId) continue;
    if (other.uas.id === leg.uac.id) sent = true;
    if (other.uac.id === leg.uas.id) received = true;
  }
  return { sent, received };
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
  const fork = forkSignal(out, candidates, options);
  let best: B2buaCandidate | undefined;
  for (const inbound of candidates) {
    const candidate = scoreB2bua(inbound, out, fork, options);
    if (candidate && betterCause(candidate, best)) best = candidate;
  }
  return best && b2buaLink(out, best);
}

export function b2buaLink(out: LegSummary, cause: B2buaCandidate): Link {
  const legs: [string, string] = cause.inboundId < out.id ? [cause.inboundId, out.id] : [out.id, cause.inboundId];
  return { legs, kind: 'b2bua', device: out.uac.id, confidence: Math.min(1, cause.score), evidence: cause.explain() };
}

/**
 * A fork sibling answered and this leg was cancelled right after: one fork group (RFC 3261 §16.7
 * step 10 behaviour). A property of the outgoing leg and its siblings, whatever the incoming leg.
 */
export function forkSignal(
  out: LegSummary,
  legs: readonly LegSummary[],
  options: B2buaOptions = DEFAULT_B2BUA_OPTIONS,
): LinkEvidence | undefined {
  const device = out.uac.id;
  const observer = out.times[device] ? device : out.observedBy[0];
  const cancel = observer ? out.times[observer]?.cancel : undefined;
  if (cancel === undefined || !observer) return undefined;
  for (const sibling of legs) {
    if (sibling.id === out.id || sibling.uac.id !== device || sibling.kind !== 'call') continue;
    const answered = sibling.times[observer]?.answered;
    const gap = diff(cancel, answered);
    if (within(gap, options.propagationUs)) {
      return {
        signal: 'fork',
        detail: `${out.uac.name} cancelled this leg ${formatDelay(gap!)} after ${sibling.uas.name} answered a parallel leg`,
      };
    }
  }
  return undefined;
}

/** The score of `inbound` as the cause of `out` at the device where they meet, or undefined. */
export function scoreB2bua(
  inbound: LegSummary,
  out: LegSummary,
  fork: LinkEvidence | undefined,
  options: B2buaOptions = DEFAULT_B2BUA_OPTIONS,
): B2buaCandidate | undefined {
  const device = out.uac.id;
  if (inbound.kind !== 'call' || inbound.uas.id !== device) return undefined;
  if (inbound.id === out.id || inbound.callId === out.callId) return undefined;
  // A forwarded request is the same request one hop on: a proxy keeps From and its tag (RFC 3261
  // §16.6), even one that masks the Call-ID (topology hiding). So its cause carries the same From
  // tag; an INVITE for another call that happened to arrive just before, with the same numbers, is
  // not it.
  if (out.forwarded && inbound.fromTag !== out.fromTag) return undefined;
  const candidate = score(inbound, out, device, fork, options);
  return candidate && candidate.score >= options.minScore ? candidate : undefined;
}

function score(
  inbound: LegSummary,
  out: LegSummary,
  device: string,
  fork: LinkEvidence | undefined,
  options: B2buaOptions,
): B2buaCandidate | undefined {
  const clock = commonClock(inbound, out, device);
  const tolerance = clock.sameClock ? 0 : options.clockToleranceUs;
  const gap = diff(clock.b.firstRequest ?? clock.b.request, clock.a.request ?? clock.a.firstRequest);
  if (gap === undefined || !within(gap, options.windowUs + tolerance, -tolerance)) return undefined;
  // Scores first, words later: most candidates lose, and only the winner's evidence is written out.
  let total = gap <= 50_000 ? 0.2 : gap <= 500_000 ? 0.1 : 0;
  let strong = 0;
  const support = (weight: number) => {
    total += weight;
    strong++;
  };
  const inCaller = inbound.assertedIdentity?.number ?? inbound.from.number;
  const outCaller = out.assertedIdentity?.number ?? out.from.number;
  const caller = numbersMatch(inbound.from.number, out.from.number) || numbersMatch(inCaller, outCaller);
  if (caller) support(0.35);
  const inDialled = inbound.requestUri.number ?? inbound.to.number;
  const outDialled = out.requestUri.number ?? out.to.number;
  const dialled = numbersMatch(inDialled, outDialled);
  if (dialled) support(0.25);
  const sharedOrigin =
    inbound.sdpOrigins.length && out.sdpOrigins.length
      ? inbound.sdpOrigins.find((o) => out.sdpOrigins.includes(o))
      : undefined;
  if (sharedOrigin) support(0.4);
  const p = options.propagationUs + tolerance;
  const answerGap = diff(clock.a.answered, clock.b.answered);
  const answer = within(answerGap, p, -tolerance);
  if (answer) support(0.35);
  const cancelGap = diff(clock.b.cancel, clock.a.cancel);
  const cancel = within(cancelGap, p, -tolerance);
  if (cancel) support(0.3);
  const byeGap = diff(clock.a.bye, clock.b.bye);
  const bye = byeGap !== undefined && Math.abs(byeGap) <= p;
  if (bye) support(0.3);
  const failGap = diff(clock.a.final, clock.b.final);
  const failure = (out.finalStatus ?? 0) >= 300 && (inbound.finalStatus ?? 0) >= 300 && within(failGap, p, -tolerance);
  if (failure) support(0.25);
  if (fork) support(0.2);
  const sameFromTag = out.forwarded === true && inbound.fromTag === out.fromTag;
  if (sameFromTag) support(0.5);
  if (strong === 0) return undefined;

  const explain = (): LinkEvidence[] => {
    const name = out.uac.name;
    const evidence: LinkEvidence[] = [
      {
        signal: 'timing',
        detail: `${name} sent this INVITE ${formatDelay(gap)} after it received the INVITE from ${inbound.uac.name}`,
        values: { delay: formatDelay(gap) },
      },
    ];
    if (sameFromTag) {
      evidence.push({
        signal: 'from-tag',
        detail: `${name} forwarded the request (it added its Via above the sender's) with the same From tag ${out.fromTag}: a proxy keeps From unchanged (RFC 3261 §16.6), even when it hides the Call-ID`,
        values: { fromTag: out.fromTag },
      });
    }
    if (caller) {
      evidence.push({
        signal: 'caller',
        detail: `same caller: ${inbound.from.user || inCaller} on the incoming leg, ${out.from.user || outCaller} on the outgoing leg`,
        values: { caller: (inCaller ?? inbound.from.number)! },
      });
    }
    if (dialled) {
      evidence.push({
        signal: 'dialled',
        detail: `same dialled number: ${inbound.requestUri.user} in, ${out.requestUri.user} out`,
        values: { dialled: inDialled! },
      });
    }
    if (sharedOrigin) {
      evidence.push({
        signal: 'sdp-origin',
        detail: `same SDP origin o=${sharedOrigin}`,
        values: { origin: sharedOrigin },
      });
    }
    if (answer) {
      evidence.push({
        signal: 'answer',
        detail: `${name} answered the incoming leg ${formatDelay(answerGap!)} after ${out.uas.name} answered`,
      });
    }
    if (cancel)
      evidence.push({ signal: 'cancel', detail: `CANCEL passed on by ${name} after ${formatDelay(cancelGap!)}` });
    if (bye)
      evidence.push({ signal: 'bye', detail: `BYE passed on by ${name} within ${formatDelay(Math.abs(byeGap!))}` });
    if (failure) {
      evidence.push({
        signal: 'failure',
        detail: `${out.finalStatus} from ${out.uas.name} became ${inbound.finalStatus} to ${inbound.uac.name} after ${formatDelay(failGap!)}`,
      });
    }
    if (fork) evidence.push(fork);
    return evidence;
  };
  return { inboundId: inbound.id, score: total, gapUs: gap, explain };
}
