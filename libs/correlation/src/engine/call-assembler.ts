import type { CallGraph } from '../model/call-graph';
import type { Finding } from '../model/finding';
import type { LegSummary } from '../model/leg';
import type { Link } from '../model/link';
import { slowPostDialDelay } from '../findings/call.findings';
import { buildCall } from '../links/assemble-calls';
import { bestB2buaParent, isOutgoingCall } from '../links/b2bua.linker';
import { linkByHeaders, retryKey } from '../links/header.linker';
import { LinkSet } from '../links/link-set';
import { bestRecordedLeg, isRecordingLeg } from '../links/recording.linker';
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
  /** Legs touching each device, by start time (the candidates of every device-local linker). */
  private readonly byDevice = new Map<string, SortedIndex>();
  private readonly byKey = new Map<string, Set<string>>();
  /** Same-call-id and header links, per leg, keyed by `${otherLeg}|${kind}`. */
  private readonly symmetric = new Map<string, Map<string, Link>>();
  /** B2BUA and recording links, owned by the child leg (the outgoing or recording leg). */
  private readonly parentOf = new Map<string, Link>();
  private readonly callOf = new Map<string, string>();
  private readonly calls = new Map<string, CallGraph>();
  private readonly dirty = new Set<string>();
  private readonly options: CorrelatorOptions;

  constructor(options: CorrelatorOptions) {
    this.options = options;
  }

  get legCount(): number {
    return this.entries.size;
  }

  upsert({ leg, findings }: LegUpdate): void {
    const previous = this.entries.get(leg.id);
    if (previous) this.unindex(previous.leg);
    this.entries.set(leg.id, { leg, findings });
    this.index(leg);
    this.dirty.add(leg.id);
  }

  remove(legId: string): void {
    const previous = this.entries.get(legId);
    if (!previous) return;
    this.unindex(previous.leg);
    this.entries.delete(legId);
    this.dirty.add(legId);
  }

  /** Rebuilds the calls touched since the last flush; returns new or changed calls and vanished call ids. */
  flush(): { calls: CallGraph[]; removed: string[] } {
    if (this.dirty.size === 0) return { calls: [], removed: [] };
    const affected = new Set<string>(this.dirty);
    const { windowUs } = this.options.calls.b2bua;
    const recordingWindowUs = this.options.calls.recording.windowUs;
    // Every leg whose cause may have changed is re-examined once: the changed legs, the legs at
    // their devices that started close to them (outgoing legs they may have caused, fork siblings),
    // and recordings started after they were answered.
    const relink = new Set<string>();
    for (const id of this.dirty) {
      const entry = this.entries.get(id);
      if (!entry) {
        this.dropLinks(id, affected, relink);
        continue;
      }
      const leg = entry.leg;
      this.relinkSymmetric(leg, affected);
      relink.add(id);
      for (const device of new Set([leg.uac.id, leg.uas.id])) {
        for (const other of this.startedBetween(
          device,
          leg.start - windowUs - SLACK_US,
          leg.start + windowUs + SLACK_US,
        ))
          relink.add(other);
        const answered = answeredAt(leg);
        if (answered !== undefined) {
          for (const other of this.startedBetween(device, answered - SLACK_US, answered + recordingWindowUs + SLACK_US))
            relink.add(other);
        }
      }
    }
    for (const id of relink) {
      const entry = this.entries.get(id);
      if (entry) this.relinkParent(entry.leg, affected);
    }
    this.dirty.clear();
    return this.rebuildCalls(affected);
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
        this.symmetric.delete(leg.id);
        this.parentOf.delete(leg.id);
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

  private index(leg: LegSummary): void {
    for (const d of new Set([leg.uac.id, leg.uas.id])) {
      let index = this.byDevice.get(d);
      if (!index) this.byDevice.set(d, (index = new SortedIndex()));
      index.insert(leg.start, leg.id);
    }
    for (const k of this.keysOf(leg)) add(this.byKey, k, leg.id);
  }

  private unindex(leg: LegSummary): void {
    for (const d of new Set([leg.uac.id, leg.uas.id])) this.byDevice.get(d)?.remove(leg.start, leg.id);
    for (const k of this.keysOf(leg)) this.byKey.get(k)?.delete(leg.id);
  }

  private startedBetween(device: string, from: number, to: number): string[] {
    return this.byDevice.get(device)?.range(from, to) ?? [];
  }

  private legsStartedBetween(device: string, from: number, to: number): LegSummary[] {
    return this.startedBetween(device, from, to).map((id) => this.entries.get(id)!.leg);
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

  private relinkParent(leg: LegSummary, affected: Set<string>): void {
    const window = this.options.calls.b2bua.windowUs;
    let link: Link | undefined;
    if (isRecordingLeg(leg)) {
      // The recorded leg was answered shortly before; it may have rung for a while before that.
      const candidates = this.legsStartedBetween(leg.uac.id, leg.start - MAX_RINGING_US, leg.start + SLACK_US);
      link = bestRecordedLeg(leg, candidates, this.options.calls.recording);
    } else if (isOutgoingCall(leg)) {
      // The cause started within the window before (after an auth retry it may be later than its
      // start suggests); fork siblings started around the same time.
      const candidates = this.legsStartedBetween(
        leg.uac.id,
        leg.start - window - MAX_RETRY_US,
        leg.start + window + SLACK_US,
      );
      link = bestB2buaParent(leg, candidates, this.options.calls.b2bua);
    }
    const before = this.parentOf.get(leg.id);
    if (sameLink(before, link)) return;
    if (before) for (const id of before.legs) affected.add(id);
    if (link) {
      this.parentOf.set(leg.id, link);
      for (const id of link.legs) affected.add(id);
    } else this.parentOf.delete(leg.id);
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
    for (const [child, link] of this.parentOf) {
      if (link.legs.includes(id)) {
        this.parentOf.delete(child);
        affected.add(child);
        orphans.add(child);
      }
    }
  }

  private neighbours(id: string): string[] {
    const out = [...(this.symmetric.get(id)?.values() ?? [])].map((link) => otherEnd(link, id));
    const parent = this.parentOf.get(id);
    if (parent) out.push(otherEnd(parent, id));
    return out;
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
        for (const next of [...this.neighbours(id), ...(childrenOf.get(id) ?? [])]) {
          if (!visited.has(next) && this.entries.has(next)) {
            visited.add(next);
            stack.push(next);
          }
        }
      }
      const memberSet = new Set(members);
      const links = new Map<string, Link>();
      for (const id of members) {
        for (const link of this.symmetric.get(id)?.values() ?? [])
          links.set(`${link.legs.join('|')}|${link.kind}`, link);
        const parent = this.parentOf.get(id);
        if (parent && memberSet.has(parent.legs[0]) && memberSet.has(parent.legs[1])) {
          links.set(`${parent.legs.join('|')}|${parent.kind}`, parent);
        }
      }
      const findings = new Map(members.map((id) => [id, this.entries.get(id)!.findings]));
      const call = buildCall(
        members.map((id) => this.entries.get(id)!.leg),
        [...links.values()],
        findings,
        (c) => slowPostDialDelay(c, this.options.slowPostDialDelayUs),
      );
      built.push(call);
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
/** Longest ringing before an answer that a recording can follow (a FireBrick rings for 3 minutes at most). */
const MAX_RINGING_US = 300_000_000;
/** Longest gap between an incoming leg's first INVITE and its authenticated retry. */
const MAX_RETRY_US = 60_000_000;

/** The earliest answer of a leg on any observer's clock. */
function answeredAt(leg: LegSummary): number | undefined {
  let earliest: number | undefined;
  for (const t of Object.values(leg.times))
    if (t.answered !== undefined && (earliest === undefined || t.answered < earliest)) earliest = t.answered;
  return earliest;
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
