import type { DeviceRef } from '@sipflow/sip';
import type { CallGraph } from '../model/call-graph';
import type { Finding } from '../model/finding';
import type { LegSummary } from '../model/leg';
import type { Link } from '../model/link';
import { CorrectionBook } from '../corrections/correction-book';
import { stableId } from '../stable-id';
import { DEFAULT_B2BUA_OPTIONS, linkB2bua, type B2buaOptions } from './b2bua.linker';
import { linkByHeaders } from './header.linker';
import { LinkSet } from './link-set';
import { DEFAULT_RECORDING_OPTIONS, linkRecordings, type RecordingOptions } from './recording.linker';
import { linkSameCallId } from './same-call-id.linker';

export interface CallAssemblyOptions {
  b2bua: B2buaOptions;
  recording: RecordingOptions;
  /** Operator-configured headers whose equal values link legs. */
  extraLinkHeaders: string[];
}

export const DEFAULT_CALL_OPTIONS: CallAssemblyOptions = {
  b2bua: DEFAULT_B2BUA_OPTIONS,
  recording: DEFAULT_RECORDING_OPTIONS,
  extraLinkHeaders: [],
};

/** Every link between a set of legs, by every linker. */
export function findLinks(legs: readonly LegSummary[], options: CallAssemblyOptions = DEFAULT_CALL_OPTIONS): Link[] {
  const links = new LinkSet();
  linkSameCallId(legs, links);
  linkByHeaders(legs, links, options.extraLinkHeaders);
  linkB2bua(legs, links, options.b2bua);
  linkRecordings(legs, links, options.recording);
  return links.all();
}

const byStart = (a: LegSummary, b: LegSummary) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Joins legs into calls: the connected components of the link graph, with the corrections made by
 * hand applied on top. A pure function of the set of legs (and corrections), so it gives the same
 * calls whatever order or partition the legs came from. A call is named after its earliest leg.
 */
export function assembleCalls(
  legs: readonly LegSummary[],
  legFindings: ReadonlyMap<string, Finding[]>,
  options: CallAssemblyOptions = DEFAULT_CALL_OPTIONS,
  callFindings: (call: CallGraph) => Finding[] = () => [],
  corrections: CorrectionBook = new CorrectionBook(),
): CallGraph[] {
  return groupCalls(legs, findLinks(legs, options), legFindings, callFindings, corrections);
}

/**
 * Calls from legs and their automatic links, corrections applied: the connected components of the
 * corrected link graph. Also used to re-group stored calls when a correction is made.
 */
export function groupCalls(
  legs: readonly LegSummary[],
  automatic: readonly Link[],
  legFindings: ReadonlyMap<string, Finding[]>,
  callFindings: (call: CallGraph) => Finding[] = () => [],
  corrections: CorrectionBook = new CorrectionBook(),
): CallGraph[] {
  const present = new Set(legs.map((l) => l.id));
  const links = corrections.correct(automatic, present).filter((l) => present.has(l.legs[0]) && present.has(l.legs[1]));
  const parent = new Map<string, string>(legs.map((l) => [l.id, l.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = id;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const link of links) {
    const a = find(link.legs[0]);
    const b = find(link.legs[1]);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const components = new Map<string, LegSummary[]>();
  for (const leg of legs) {
    const root = find(leg.id);
    components.set(root, [...(components.get(root) ?? []), leg]);
  }
  const linksByRoot = new Map<string, Link[]>();
  for (const link of links) {
    const root = find(link.legs[0]);
    linksByRoot.set(root, [...(linksByRoot.get(root) ?? []), link]);
  }

  const calls = [...components.values()].map((members) => {
    const root = find(members[0]!.id);
    const call = buildCall(members, linksByRoot.get(root) ?? [], legFindings, callFindings);
    return withCorrections(call, corrections, automatic);
  });
  return calls.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
}

/**
 * The call's outcome as the caller experienced it: the last attempt the originating device made
 * (after a failed proxy or a redirect the caller's device tries again, RFC 3261 §8.1.3.4, §16.7).
 */
function callerOutcome(ordered: readonly LegSummary[]) {
  const first = ordered[0]!;
  const attempts = ordered.filter((l) => l.uac.id === first.uac.id && l.kind === first.kind && !l.recording);
  return (attempts[attempts.length - 1] ?? first).outcome;
}

/** One call from its legs (a connected component) and the links among them. */
export function buildCall(
  members: readonly LegSummary[],
  links: Link[],
  legFindings: ReadonlyMap<string, Finding[]>,
  callFindings: (call: CallGraph) => Finding[] = () => [],
): CallGraph {
  const ordered = [...members].sort(byStart);
  const first = ordered[0]!;
  const devices: DeviceRef[] = [];
  const seen = new Set<string>();
  for (const leg of ordered) {
    for (const d of [leg.uac, leg.uas]) {
      if (!seen.has(d.id)) {
        seen.add(d.id);
        devices.push(d);
      }
    }
  }
  const observations = ordered.reduce((n, l) => n + l.observationCount, 0);
  const open = ordered.some((l) => l.open);
  const call: CallGraph = {
    id: stableId('call', first.id),
    // Grows with every observation and once more when the call closes: the newest, most complete
    // graph always has the highest version (ReplacingMergeTree keeps it).
    version: observations * 2 + (open ? 0 : 1),
    kind: ordered.some((l) => l.kind === 'call') ? 'call' : first.kind,
    start: Math.min(...ordered.map((l) => l.start)),
    end: Math.max(...ordered.map((l) => l.end)),
    legs: ordered,
    links: [...links].sort((x, y) =>
      x.legs.join() < y.legs.join() ? -1 : x.legs.join() > y.legs.join() ? 1 : x.kind < y.kind ? -1 : 1,
    ),
    devices,
    findings: ordered.flatMap((l) => legFindings.get(l.id) ?? []),
    outcome: callerOutcome(ordered),
    sipCallIds: [...new Set(ordered.map((l) => l.callId))],
    numbers: [...new Set(ordered.flatMap((l) => l.numbers))].sort(),
    open,
  };
  call.findings.push(...callFindings(call));
  return call;
}

/** Attaches the corrections that shaped a call (with the automatic links they overruled), if any. */
export function withCorrections(call: CallGraph, corrections: CorrectionBook, automatic: readonly Link[]): CallGraph {
  if (corrections.size === 0) return call;
  const members = new Set(call.legs.map((l) => l.id));
  const touching = automatic.filter((l) => members.has(l.legs[0]) || members.has(l.legs[1]));
  const applied = corrections.appliedTo(members, touching);
  return applied.length ? { ...call, corrections: applied } : call;
}
