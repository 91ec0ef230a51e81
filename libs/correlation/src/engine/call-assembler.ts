import type { CallGraph } from '../model/call-graph';
import type { Finding } from '../model/finding';
import type { LegSummary } from '../model/leg';
import type { Link, LinkEvidence } from '../model/link';
import { slowPostDialDelay } from '../findings/call.findings';
import { CorrectionBook } from '../corrections/correction-book';
import type { Correction } from '../corrections/correction';
import { buildCall, withCorrections } from '../links/assemble-calls';
import {
  b2buaLink,
  betterCause,
  forkSignal,
  isOutgoingCall,
  relayedAt,
  scoreB2bua,
  type B2buaCandidate,
} from '../links/b2bua.linker';
import { linkByHeaders, retryKey } from '../links/header.linker';
import { LinkSet } from '../links/link-set';
import {
  betterRecorded,
  isRecordingLeg,
  recordingLink,
  scoreRecording,
  type RecordedCandidate,
} from '../links/recording.linker';
import { linkSameCallId } from '../links/same-call-id.linker';
import { SortedIndex } from './sorted-index';
import type { LegUpdate } from './call-id-correlator';
import type { CorrelatorOptions } from './options';

const NAMING_HEADERS = ['x-cid', 'x-call-id', 'x-orig-call-id', 'replaces'];
const EQUAL_HEADERS = ['session-id', 'icid'];

interface Entry {
  leg: LegSummary;
  findings: Finding[];
}

/**
 * Stage 2 of correlation: legs (from any partition or process) → calls. Links are kept
 * incrementally: when a leg changes, only its own links and those of the legs that could link
 * to it (same device within the window, same Call-ID, same identifying header) are recomputed;
 * then only the calls those legs belonged to are rebuilt. The result equals `assembleCalls` over
 * the same legs (tested), whatever order the legs arrived in.
 */
export class CallAssembler {
  private readonly entries = new Map<string, Entry>();
  /** Legs each device sent (as UAC) and received (as UAS), by start time: the candidates of the device-local linkers. */
  private readonly outgoing = new Map<string, SortedIndex>();
  private readonly incoming = new Map<string, SortedIndex>();
  /** Answered legs at each of their devices, by answer time: the candidates for a recording. */
  private readonly answered = new Map<string, SortedIndex>();
  /** What linking depends on, per leg: an update that leaves it unchanged only rebuilds the call. */
  private readonly linkSignatures = new Map<string, string>();
  /** Legs whose call must be rebuilt although their links cannot have changed. */
  private readonly touched = new Set<string>();
  private readonly byKey = new Map<string, Set<string>>();
  /** Same-call-id and header links, per leg, keyed by `${otherLeg}|${kind}`. */
  private readonly symmetric = new Map<string, Map<string, Link>>();
  /** B2BUA and recording links, owned by the child leg (the outgoing or recording leg). */
  private readonly parentOf = new Map<string, Link>();
  /** The scored cause behind each parent link, to compare a new candidate without rescoring all. */
  private readonly causeOf = new Map<string, { score: number; gapUs: number; parentId: string }>();
  /** An outgoing leg's fork evidence (depends on it and its siblings only), from its last full relink. */
  private readonly forkOf = new Map<string, LinkEvidence | undefined>();
  /** Legs as they were before this flush's updates (to see what changed). */
  private readonly before = new Map<string, LegSummary>();
  private readonly callOf = new Map<string, string>();
  private readonly calls = new Map<string, CallGraph>();
  private readonly dirty = new Set<string>();
  private readonly options: CorrelatorOptions;
  /** Corrections made by hand, applied on top of the automatic links at every rebuild. */
  private corrections = new CorrectionBook();

  constructor(options: CorrelatorOptions) {
    this.options = options;
  }

  get legCount(): number {
    return this.entries.size;
  }

  upsert({ leg, findings }: LegUpdate): void {
    const previous = this.entries.get(leg.id);
    const signature = linkSignature(leg);
    if (previous && this.linkSignatures.get(leg.id) === signature) {
      // More observations of the same events (an ACK, a retransmission): same links, new summary.
      this.entries.set(leg.id, { leg, findings });
      this.touched.add(leg.id);
      return;
    }
    if (previous && !this.before.has(leg.id)) this.before.set(leg.id, previous.leg);
    if (previous) this.unindex(previous.leg);
    this.entries.set(leg.id, { leg, findings });
    this.linkSignatures.set(leg.id, signature);
    this.index(leg);
    this.dirty.add(leg.id);
  }

  /**
   * Replaces the corrections in force (the correlator reloads them from the store). The calls of
   * every leg a new or withdrawn correction names are rebuilt at the next flush; returns how many
   * of those legs are held here.
   */
  setCorrections(corrections: readonly Correction[]): number {
    const before = new Map(this.corrections.corrections.map((c) => [c.id, c]));
    const changed = new Set<string>();
    for (const c of corrections) if (before.get(c.id)?.at !== c.at) for (const leg of c.legs) changed.add(leg);
    const now = new Set(corrections.map((c) => c.id));
    for (const c of before.values()) if (!now.has(c.id)) for (const leg of c.legs) changed.add(leg);
    this.corrections = new CorrectionBook(corrections);
    let touched = 0;
    for (const leg of changed) {
      if (!this.entries.has(leg)) continue;
      this.touched.add(leg);
      touched++;
    }
    return touched;
  }

  remove(legId: string): void {
    const previous = this.entries.get(legId);
    if (!previous) return;
    this.unindex(previous.leg);
    this.entries.delete(legId);
    this.linkSignatures.delete(legId);
    this.dirty.add(legId);
  }

  /** Every call as last built (a process that gains a partition writes the calls rooted there). */
  currentCalls(): CallGraph[] {
    return [...this.calls.values()];
  }

  /** Rebuilds the calls touched since the last flush; returns new or changed calls and vanished call ids. */
  flush(): { calls: CallGraph[]; removed: string[] } {
    if (this.dirty.size === 0 && this.touched.size === 0) return { calls: [], removed: [] };
    const affected = new Set<string>([...this.dirty, ...this.touched]);
    this.touched.clear();
    const { windowUs, propagationUs } = this.options.calls.b2bua;
    const recordingWindowUs = this.options.calls.recording.windowUs;
    // Links are re-examined per pair, not per device: a changed leg is scored fully as a child (its
    // own cause), and as a candidate cause of the legs it may explain — those are rescored fully
    // only if it was their cause already (its score may have dropped); otherwise it only has to
    // beat their current cause.
    const full = new Set<string>();
    const pairs: [string, string][] = [];
    for (const id of this.dirty) {
      const entry = this.entries.get(id);
      if (!entry) {
        this.dropLinks(id, affected, full);
        continue;
      }
      const leg = entry.leg;
      this.relinkSymmetric(leg, affected);
      full.add(id);
      const consider = (childId: string) => {
        if (childId === id) return;
        if (this.causeOf.get(childId)?.parentId === id) full.add(childId);
        else pairs.push([id, childId]);
      };
      if (leg.kind === 'call') {
        // A Call-ID relayed through a device (b2bua.linker relayedAt) unmakes B2BUA links there:
        // the outgoing copy loses its cause, and the legs the incoming one caused look again.
        for (const other of this.byKey.get(`callid=${leg.callId}`) ?? []) {
          const same = this.entries.get(other)?.leg;
          if (!same || same.id === id || same.callId !== leg.callId || same.kind !== 'call') continue;
          if (same.uac.id === leg.uas.id && isOutgoingCall(same)) full.add(same.id);
          const inbound = same.uas.id === leg.uac.id ? same : undefined;
          if (inbound) {
            const arrivedAt = startAt(inbound, inbound.uas.id);
            for (const child of this.started(
              this.outgoing,
              inbound.uas.id,
              arrivedAt - SLACK_US,
              arrivedAt + windowUs + SLACK_US,
            )) {
              if (this.causeOf.get(child)?.parentId === inbound.id) full.add(child);
            }
          }
        }
        const arrived = startAt(leg, leg.uas.id);
        for (const other of this.started(
          this.outgoing,
          leg.uas.id,
          arrived - SLACK_US,
          arrived + windowUs + SLACK_US,
        )) {
          if (isOutgoingCall(this.entries.get(other)!.leg)) consider(other);
        }
      }
      for (const device of new Set([leg.uac.id, leg.uas.id])) {
        const answered = answeredAt(leg, device);
        if (answered === undefined) continue;
        for (const other of this.started(
          this.outgoing,
          device,
          answered - SLACK_US,
          answered + recordingWindowUs + SLACK_US,
        )) {
          if (isRecordingLeg(this.entries.get(other)!.leg)) consider(other);
        }
      }
      // A newly answered fork: its cancelled siblings now have fork evidence.
      const answered = answeredAt(leg, leg.uac.id);
      if (answered !== undefined) {
        const previous = this.before.get(id);
        if (isOutgoingCall(leg) && (!previous || answeredAt(previous, leg.uac.id) !== answered)) {
          const sent = startAt(leg, leg.uac.id);
          for (const other of this.started(this.outgoing, leg.uac.id, sent - windowUs, sent + windowUs)) {
            const cancel = this.entries.get(other)!.leg.times[leg.uac.id]?.cancel;
            if (cancel !== undefined && cancel >= answered - SLACK_US && cancel <= answered + propagationUs + SLACK_US)
              full.add(other);
          }
        }
      }
    }
    for (const id of full) {
      const entry = this.entries.get(id);
      if (entry) this.relinkParent(entry.leg, affected);
    }
    for (const [parentId, childId] of pairs) {
      if (full.has(childId)) continue;
      const parent = this.entries.get(parentId)?.leg;
      const child = this.entries.get(childId)?.leg;
      if (parent && child) this.offerCause(parent, child, affected);
    }
    this.before.clear();
    this.dirty.clear();
    return this.rebuildCalls(affected);
  }

  /**
   * Closes calls that have been silent since before `before` (a BYE never logged, a call whose
   * Call-IDs were evicted from stage 1 while up): their legs are marked closed and the calls are
   * returned for writing, then forgotten by `evict`.
   */
  closeIdle(before: number): CallGraph[] {
    const closed: CallGraph[] = [];
    for (const call of this.calls.values()) {
      if (!call.open || call.end >= before) continue;
      const legs = call.legs.map((leg) => ({ ...leg, open: false }));
      for (const leg of legs) {
        const entry = this.entries.get(leg.id);
        if (entry) entry.leg = leg;
      }
      const rebuilt = { ...call, legs, open: false, version: call.version + 1 };
      this.calls.set(call.id, rebuilt);
      closed.push(rebuilt);
    }
    return closed;
  }

  /** Forgets closed calls that ended before `before` (bounded state); they were emitted closed already. */
  evict(before: number): number {
    let evicted = 0;
    for (const [callId, call] of this.calls) {
      if (call.open || call.end >= before) continue;
      for (const leg of call.legs) {
        const entry = this.entries.get(leg.id);
        if (entry) this.unindex(entry.leg);
        this.entries.delete(leg.id);
        this.linkSignatures.delete(leg.id);
        this.symmetric.delete(leg.id);
        this.parentOf.delete(leg.id);
        this.causeOf.delete(leg.id);
        this.forkOf.delete(leg.id);
        this.callOf.delete(leg.id);
      }
      this.calls.delete(callId);
      evicted++;
    }
    // Links from surviving legs to evicted ones are dropped with them.
    for (const [id, links] of this.symmetric) {
      for (const [key, link] of links) if (!this.entries.has(otherEnd(link, id))) links.delete(key);
    }
    for (const [id, link] of this.parentOf) {
      if (!this.entries.has(link.legs[0]) || !this.entries.has(link.legs[1])) this.parentOf.delete(id);
    }
    return evicted;
  }

  private keysOf(leg: LegSummary): string[] {
    const keys = [`callid=${leg.callId}`];
    if (leg.kind === 'call' && leg.fromTag) keys.push(`from-tag=${retryKey(leg)}`);
    for (const h of NAMING_HEADERS) for (const v of leg.linkHeaders[h] ?? []) keys.push(`callid=${v}`);
    for (const h of [...EQUAL_HEADERS, ...this.options.calls.extraLinkHeaders.map((x) => x.toLowerCase())]) {
      for (const v of leg.linkHeaders[h] ?? []) keys.push(`${h}=${v}`);
    }
    return keys;
  }

  /** Indexes are kept on each device's own clock: a device's logs agree with each other, not with its peers'. */
  private index(leg: LegSummary): void {
    insertInto(this.outgoing, leg.uac.id, startAt(leg, leg.uac.id), leg.id);
    insertInto(this.incoming, leg.uas.id, startAt(leg, leg.uas.id), leg.id);
    for (const d of new Set([leg.uac.id, leg.uas.id])) {
      const answered = answeredAt(leg, d);
      if (answered !== undefined) insertInto(this.answered, d, answered, leg.id);
    }
    for (const k of this.keysOf(leg)) add(this.byKey, k, leg.id);
  }

  private unindex(leg: LegSummary): void {
    this.outgoing.get(leg.uac.id)?.remove(startAt(leg, leg.uac.id), leg.id);
    this.incoming.get(leg.uas.id)?.remove(startAt(leg, leg.uas.id), leg.id);
    for (const d of new Set([leg.uac.id, leg.uas.id])) {
      const answered = answeredAt(leg, d);
      if (answered !== undefined) this.answered.get(d)?.remove(answered, leg.id);
    }
    for (const k of this.keysOf(leg)) this.byKey.get(k)?.delete(leg.id);
  }

  private started(map: Map<string, SortedIndex>, device: string, from: number, to: number): string[] {
    return map.get(device)?.range(from, to) ?? [];
  }

  private legsStarted(map: Map<string, SortedIndex>, device: string, from: number, to: number): LegSummary[] {
    return this.started(map, device, from, to).map((id) => this.entries.get(id)!.leg);
  }

  /** Recomputes the explicit links of the group of legs sharing any identifier with `leg`. */
  private relinkSymmetric(leg: LegSummary, affected: Set<string>): void {
    const group = new Map<string, LegSummary>([[leg.id, leg]]);
    for (const k of this.keysOf(leg))
      for (const id of this.byKey.get(k) ?? []) group.set(id, this.entries.get(id)!.leg);
    const legs = [...group.values()];
    for (const l of legs) {
      const mine = this.symmetric.get(l.id);
      for (const [key, link] of mine ?? []) if (group.has(otherEnd(link, l.id))) mine!.delete(key);
    }
    const links = new LinkSet();
    linkSameCallId(legs, links);
    linkByHeaders(legs, links, this.options.calls.extraLinkHeaders);
    for (const link of links.all()) {
      const [a, b] = link.legs;
      setLink(this.symmetric, a, `${b}|${link.kind}`, link);
      setLink(this.symmetric, b, `${a}|${link.kind}`, link);
    }
    for (const l of legs) affected.add(l.id);
  }

  /** Recomputes a leg's cause from every candidate at its device. */
  private relinkParent(leg: LegSummary, affected: Set<string>): void {
    const window = this.options.calls.b2bua.windowUs;
    let link: Link | undefined;
    let cause: { score: number; gapUs: number; parentId: string } | undefined;
    if (isRecordingLeg(leg)) {
      let best: RecordedCandidate | undefined;
      // The recorded leg was answered at the recording's device shortly before it started.
      const started = startAt(leg, leg.uac.id);
      const from = started - this.options.calls.recording.windowUs - SLACK_US;
      const candidates = this.legsStarted(this.answered, leg.uac.id, from, started + SLACK_US);
      for (const candidate of candidates) {
        const scored = scoreRecording(candidate, leg, this.options.calls.recording);
        if (scored && betterRecorded(scored, best)) best = scored;
      }
      if (best) {
        link = recordingLink(leg, best);
        cause = { score: best.score, gapUs: best.gapUs, parentId: best.legId };
      }
    } else if (isOutgoingCall(leg) && !this.relayed(leg).sent) {
      // Causes started within the window before; fork siblings started around the same time.
      const candidates = this.legsStarted(
        this.incoming,
        leg.uac.id,
        startAt(leg, leg.uac.id) - window - SLACK_US,
        startAt(leg, leg.uac.id) + SLACK_US,
      ).filter((candidate) => !this.relayed(candidate).received);
      const fork = this.forkSignalOf(leg);
      this.forkOf.set(leg.id, fork);
      let best: B2buaCandidate | undefined;
      for (const candidate of candidates) {
        const scored = scoreB2bua(candidate, leg, fork, this.options.calls.b2bua);
        if (scored && betterCause(scored, best)) best = scored;
      }
      if (best) {
        link = b2buaLink(leg, best);
        cause = { score: best.score, gapUs: best.gapUs, parentId: best.inboundId };
      }
    }
    this.setParent(leg.id, link, cause, affected);
  }

  /** One new candidate cause for a leg: it replaces the current cause only if it is better. */
  private offerCause(parent: LegSummary, child: LegSummary, affected: Set<string>): void {
    const current = this.causeOf.get(child.id);
    if (isRecordingLeg(child)) {
      const scored = scoreRecording(parent, child, this.options.calls.recording);
      const incumbent = current && {
        legId: current.parentId,
        gapUs: current.gapUs,
        score: current.score,
        evidence: [],
      };
      if (scored && betterRecorded(scored, incumbent)) {
        this.setParent(
          child.id,
          recordingLink(child, scored),
          { score: scored.score, gapUs: scored.gapUs, parentId: parent.id },
          affected,
        );
      }
    } else if (isOutgoingCall(child)) {
      if (this.relayed(child).sent || this.relayed(parent).received) return;
      if (!this.forkOf.has(child.id)) this.forkOf.set(child.id, this.forkSignalOf(child));
      const scored = scoreB2bua(parent, child, this.forkOf.get(child.id), this.options.calls.b2bua);
      const incumbent = current && {
        inboundId: current.parentId,
        gapUs: current.gapUs,
        score: current.score,
        explain: () => [],
      };
      if (scored && betterCause(scored, incumbent)) {
        this.setParent(
          child.id,
          b2buaLink(child, scored),
          { score: scored.score, gapUs: scored.gapUs, parentId: parent.id },
          affected,
        );
      }
    }
  }

  /** Whether a leg's Call-ID is relayed through its devices (b2bua.linker relayedAt). */
  private relayed(leg: LegSummary): { sent: boolean; received: boolean } {
    const same = [...(this.byKey.get(`callid=${leg.callId}`) ?? [])].map((id) => this.entries.get(id)?.leg);
    return relayedAt(
      leg,
      same.filter((l): l is LegSummary => l !== undefined),
    );
  }

  /** Fork evidence needs the siblings only when the leg was cancelled. */
  private forkSignalOf(leg: LegSummary): LinkEvidence | undefined {
    if (!Object.values(leg.times).some((t) => t.cancel !== undefined)) return undefined;
    const window = this.options.calls.b2bua.windowUs;
    return forkSignal(
      leg,
      this.legsStarted(this.outgoing, leg.uac.id, startAt(leg, leg.uac.id) - window, startAt(leg, leg.uac.id) + window),
      this.options.calls.b2bua,
    );
  }

  private setParent(
    childId: string,
    link: Link | undefined,
    cause: { score: number; gapUs: number; parentId: string } | undefined,
    affected: Set<string>,
  ): void {
    const before = this.parentOf.get(childId);
    if (cause) this.causeOf.set(childId, cause);
    else this.causeOf.delete(childId);
    if (sameLink(before, link)) return;
    if (before) for (const id of before.legs) affected.add(id);
    if (link) {
      this.parentOf.set(childId, link);
      for (const id of link.legs) affected.add(id);
    } else this.parentOf.delete(childId);
  }

  private dropLinks(id: string, affected: Set<string>, orphans: Set<string>): void {
    for (const link of this.symmetric.get(id)?.values() ?? []) {
      const other = otherEnd(link, id);
      this.symmetric.get(other)?.delete(`${id}|${link.kind}`);
      affected.add(other);
    }
    this.symmetric.delete(id);
    const parent = this.parentOf.get(id);
    if (parent) for (const l of parent.legs) affected.add(l);
    this.parentOf.delete(id);
    this.causeOf.delete(id);
    this.forkOf.delete(id);
    for (const [child, link] of this.parentOf) {
      if (link.legs.includes(id)) {
        this.parentOf.delete(child);
        this.causeOf.delete(child);
        affected.add(child);
        orphans.add(child);
      }
    }
  }

  /** Every automatic link of a leg: explicit ones, its own cause, and the legs it caused. */
  private automaticLinksOf(id: string, childrenOf: ReadonlyMap<string, string[]>): Link[] {
    const out = [...(this.symmetric.get(id)?.values() ?? [])];
    const parent = this.parentOf.get(id);
    if (parent) out.push(parent);
    for (const child of childrenOf.get(id) ?? []) out.push(this.parentOf.get(child)!);
    return out;
  }

  /** Legs linked to this one after corrections: automatic links not overruled, and manual joins. */
  private neighbours(id: string, childrenOf: ReadonlyMap<string, string[]>): string[] {
    const links = this.automaticLinksOf(id, childrenOf).filter((link) => !this.corrections.overrulingSplit(link));
    links.push(...this.corrections.manualLinksOf(id));
    return links.map((link) => otherEnd(link, id));
  }

  private rebuildCalls(affected: Set<string>): { calls: CallGraph[]; removed: string[] } {
    // Children point at parents only; a reverse map finds a parent's children.
    const childrenOf = new Map<string, string[]>();
    for (const [child, link] of this.parentOf) {
      const parent = otherEnd(link, child);
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
    }
    const region = new Set<string>();
    const previousCalls = new Set<string>();
    for (const id of affected) {
      region.add(id);
      const callId = this.callOf.get(id);
      if (callId) {
        previousCalls.add(callId);
        for (const leg of this.calls.get(callId)?.legs ?? []) region.add(leg.id);
      }
    }
    const visited = new Set<string>();
    const built: CallGraph[] = [];
    for (const start of region) {
      if (visited.has(start) || !this.entries.has(start)) continue;
      const members: string[] = [];
      const stack = [start];
      visited.add(start);
      while (stack.length) {
        const id = stack.pop()!;
        members.push(id);
        for (const next of this.neighbours(id, childrenOf)) {
          if (!visited.has(next) && this.entries.has(next)) {
            visited.add(next);
            stack.push(next);
          }
        }
      }
      const memberSet = new Set(members);
      const automatic = new Map<string, Link>();
      for (const id of members)
        for (const link of this.automaticLinksOf(id, childrenOf))
          automatic.set(`${link.legs.join('|')}|${link.kind}`, link);
      const links = this.corrections
        .correct([...automatic.values()], memberSet)
        .filter((link) => memberSet.has(link.legs[0]) && memberSet.has(link.legs[1]));
      const findings = new Map(members.map((id) => [id, this.entries.get(id)!.findings]));
      const call = buildCall(
        members.map((id) => this.entries.get(id)!.leg),
        links,
        findings,
        (c) => slowPostDialDelay(c, this.options.slowPostDialDelayUs),
      );
      built.push(withCorrections(call, this.corrections, [...automatic.values()]));
    }
    const removed: string[] = [];
    const builtIds = new Set(built.map((c) => c.id));
    for (const callId of previousCalls) {
      if (!builtIds.has(callId)) {
        this.calls.delete(callId);
        removed.push(callId);
      }
    }
    for (const call of built) {
      this.calls.set(call.id, call);
      for (const leg of call.legs) this.callOf.set(leg.id, call.id);
    }
    for (const id of affected) if (!this.entries.has(id)) this.callOf.delete(id);
    return { calls: built, removed: removed.sort() };
  }
}

/** Clock tolerance around device-local times. */
const SLACK_US = 1_000_000;

/** Everything the linkers read from a leg; equal signatures give equal links. */
function linkSignature(leg: LegSummary): string {
  return JSON.stringify([
    leg.uac.id,
    leg.uas.id,
    leg.start,
    leg.kind,
    leg.outcome,
    leg.finalStatus,
    leg.recording,
    leg.times,
    leg.from.number,
    leg.from.user,
    leg.to.number,
    leg.to.user,
    leg.requestUri.number,
    leg.requestUri.user,
    leg.assertedIdentity?.number,
    leg.sdpOrigins,
    leg.linkHeaders,
    leg.fromTag,
    leg.callId,
    leg.forwarded,
  ]);
}

/** The earliest answer of a leg on any observer's clock. */
/** When the leg started as `device` saw it (its own clock), else as its first observer did. */
function startAt(leg: LegSummary, device: string): number {
  const t = leg.times[device];
  return t?.firstRequest ?? t?.request ?? leg.start;
}

/** When the leg was answered as `device` saw it, else as its first observer did. */
function answeredAt(leg: LegSummary, device: string): number | undefined {
  const own = leg.times[device]?.answered;
  if (own !== undefined) return own;
  let earliest: number | undefined;
  for (const t of Object.values(leg.times))
    if (t.answered !== undefined && (earliest === undefined || t.answered < earliest)) earliest = t.answered;
  return earliest;
}

function insertInto(map: Map<string, SortedIndex>, device: string, key: number, id: string): void {
  let index = map.get(device);
  if (!index) map.set(device, (index = new SortedIndex()));
  index.insert(key, id);
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function setLink(map: Map<string, Map<string, Link>>, a: string, key: string, link: Link): void {
  let inner = map.get(a);
  if (!inner) map.set(a, (inner = new Map()));
  inner.set(key, link);
}

const otherEnd = (link: Link, id: string) => (link.legs[0] === id ? link.legs[1] : link.legs[0]);

function sameLink(a: Link | undefined, b: Link | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.legs[0] === b.legs[0] &&
    a.legs[1] === b.legs[1] &&
    a.kind === b.kind &&
    a.confidence === b.confidence &&
    JSON.stringify(a.evidence) === JSON.stringify(b.evidence)
  );
}
