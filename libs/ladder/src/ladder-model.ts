import type { CallGraph, Finding, FindingCode } from '@sipflow/correlation';
import type { DeviceRef } from '@sipflow/sip';
import { assignMessagesToLegs } from './assign-messages';
import { causalOrder } from './clocks/causal-order';
import { estimateClocks, type ClockEstimate } from './clocks/clock-estimate';
import { callEvidence, type CallEvidence } from './evidence/call-evidence';
import { hopRewrites, type HopRewrite } from './hops/hop-rewrites';
import type { LadderMessage } from './ladder-message';
import { legColour } from './palette';

export interface LadderColumn {
  id: string;
  name: string;
  pool?: string;
  address?: string;
  index: number;
}

export interface LadderLeg {
  id: string;
  /** L1, L2… in order of start. */
  label: string;
  index: number;
  colour: string;
  callId: string;
  from: number;
  to: number;
  outcome: string;
  method: string;
}

export interface LadderObservation {
  recordId: string;
  device: string;
  direction: string;
  ts: number;
  attempt: number;
}

/** One arrow: one SIP message, however many devices logged it and however often it was resent. */
export interface LadderArrow {
  id: string;
  legId: string;
  legIndex: number;
  from: number;
  to: number;
  /** Sending and receiving device ids. */
  fromDevice: string;
  toDevice: string;
  label: string;
  isRequest: boolean;
  method: string;
  status: number;
  cseq: number;
  /** Earliest observation (µs, the observer's clock). */
  ts: number;
  /** The same on the reference clock (device offsets removed), and relative to the call's first message. */
  correctedTs: number;
  relative: number;
  observations: LadderObservation[];
  /** Transmissions beyond the first, as the sender (or the best observer) saw them. */
  retransmissions: number;
  /** Finding codes that point at any observation of this arrow. */
  findings: FindingCode[];
  /** Logged as sent but never received by a device that logs: drawn stopping short. */
  lost: boolean;
}

export interface LadderFinding {
  code: FindingCode;
  severity: Finding['severity'];
  title: string;
  explanation: string;
  /** Label of the leg it concerns (L1, L2 …), absent for call-level findings. */
  leg?: string;
  /** Indexes into `arrows` of the messages it points at. */
  arrows: number[];
}

export interface LadderModel {
  callId: string;
  columns: LadderColumn[];
  legs: LadderLeg[];
  /** In cause-and-effect order (see causalOrder). */
  arrows: LadderArrow[];
  /** Device clock offsets and one-way delay per hop. */
  clocks: ClockEstimate;
  /** What each B2BUA changed in the messages it passed on (needs the raw messages). */
  rewrites: HopRewrite[];
  /** The call's findings in plain words, with the leg (label) and the arrows they point at. */
  findings: LadderFinding[];
  /** Why these legs are one call: link evidence, and corrections made by hand beside it. */
  evidence: CallEvidence;
  /** First and last message on the reference clock. */
  start: number;
  end: number;
}

const label = (m: LadderMessage) => (m.isRequest ? m.method : `${m.status} ${m.reason}`.trim());

/**
 * The ladder diagram of a call: device columns (in order of appearance, pool machines beside each
 * other), one colour per leg, one arrow per SIP message. The Tx copy at one device and the Rx copy
 * at the next fold into one arrow (same fingerprint and hop), and so do retransmissions; every
 * observation is kept on the arrow for the hover panel.
 */
export function buildLadder(call: CallGraph, messages: readonly LadderMessage[]): LadderModel {
  const columns = orderColumns(call.devices);
  const columnOf = new Map(columns.map((c) => [c.id, c.index]));
  const legs: LadderLeg[] = call.legs.map((leg, index) => ({
    id: leg.id,
    label: `L${index + 1}`,
    index,
    colour: legColour(index).hex,
    callId: leg.callId,
    from: columnOf.get(leg.uac.id) ?? 0,
    to: columnOf.get(leg.uas.id) ?? 0,
    outcome: leg.outcome,
    method: leg.method,
  }));
  const legIndex = new Map(legs.map((l) => [l.id, l.index]));
  const assignment = assignMessagesToLegs(call.legs, messages);
  const findingsByRecord = new Map<string, FindingCode[]>();
  for (const f of call.findings)
    for (const id of f.recordIds) findingsByRecord.set(id, [...(findingsByRecord.get(id) ?? []), f.code]);

  const arrows = new Map<string, LadderArrow>();
  for (const m of [...messages].sort((a, b) => a.ts - b.ts || (a.recordId < b.recordId ? -1 : 1))) {
    const legId = assignment.get(m.recordId);
    if (!legId) continue;
    const key = `${m.fingerprint}\u0000${m.src.device}\u0000${m.dst.device}`;
    let arrow = arrows.get(key);
    if (!arrow) {
      arrow = {
        id: m.recordId,
        legId,
        legIndex: legIndex.get(legId) ?? 0,
        from: columnOf.get(m.src.device) ?? 0,
        to: columnOf.get(m.dst.device) ?? 0,
        fromDevice: m.src.device,
        toDevice: m.dst.device,
        label: label(m),
        isRequest: m.isRequest,
        method: m.method,
        status: m.status,
        cseq: m.cseq,
        ts: m.ts,
        correctedTs: m.ts,
        relative: 0,
        observations: [],
        retransmissions: 0,
        findings: [],
        lost: false,
      };
      arrows.set(key, arrow);
    }
    arrow.observations.push({
      recordId: m.recordId,
      device: m.deviceId,
      direction: m.direction,
      ts: m.ts,
      attempt: m.attempt,
    });
    for (const code of findingsByRecord.get(m.recordId) ?? [])
      if (!arrow.findings.includes(code)) arrow.findings.push(code);
  }
  const list = [...arrows.values()];
  for (const arrow of list) {
    const perObserver = new Map<string, number>();
    for (const o of arrow.observations)
      perObserver.set(`${o.device}|${o.direction}`, (perObserver.get(`${o.device}|${o.direction}`) ?? 0) + 1);
    arrow.retransmissions = Math.max(0, ...[...perObserver.values()].map((n) => n - 1));
    arrow.lost = arrow.findings.includes('lost-message');
  }
  const clocks = estimateClocks(messages.filter((m) => assignment.has(m.recordId)));
  const legDevices = new Map(call.legs.map((l) => [l.id, { uac: l.uac.id, uas: l.uas.id, recording: l.recording }]));
  const ordered = causalOrder(list, clocks.clocks, call.links, legDevices);
  const start = ordered.length ? Math.min(...ordered.map((o) => o.correctedUs)) : call.start;
  const sorted = ordered.map(({ arrow, correctedUs }) => ({
    ...arrow,
    correctedTs: correctedUs,
    relative: correctedUs - start,
  }));
  const arrowOfRecord = new Map<string, number>();
  sorted.forEach((arrow, index) => {
    for (const o of arrow.observations) arrowOfRecord.set(o.recordId, index);
  });
  const findings: LadderFinding[] = call.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    title: f.title,
    explanation: f.explanation,
    ...(f.legId ? { leg: legs.find((l) => l.id === f.legId)?.label } : {}),
    arrows: [...new Set(f.recordIds.flatMap((id) => arrowOfRecord.get(id) ?? []))].sort((a, b) => a - b),
  }));
  return {
    callId: call.id,
    columns,
    legs,
    arrows: sorted,
    clocks,
    findings,
    evidence: callEvidence(call, new Map(legs.map((l) => [l.id, l.label]))),
    rewrites: hopRewrites(
      call,
      messages.flatMap((m) => {
        const legId = assignment.get(m.recordId);
        return legId && m.raw ? [{ ...m, legId }] : [];
      }),
    ),
    start,
    end: ordered.length ? Math.max(...ordered.map((o) => o.correctedUs)) : call.end,
  };
}

/** Devices in order of first appearance, with the members of one pool kept side by side. */
function orderColumns(devices: readonly DeviceRef[]): LadderColumn[] {
  const ordered: DeviceRef[] = [];
  for (const device of devices) {
    if (ordered.includes(device)) continue;
    ordered.push(device);
    if (device.pool)
      for (const peer of devices) if (peer.pool === device.pool && !ordered.includes(peer)) ordered.push(peer);
  }
  return ordered.map((d, index) => ({
    id: d.id,
    name: d.name,
    index,
    ...(d.pool ? { pool: d.pool } : {}),
    ...(d.address ? { address: d.address } : {}),
  }));
}
