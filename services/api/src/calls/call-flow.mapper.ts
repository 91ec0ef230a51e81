import type { CallGraph, LegSummary, Party as LegParty } from '@sipflow/correlation';
import type { LadderModel } from '@sipflow/ladder';
import type { CallFlow, CallSummary, Party } from '@sipflow/proto';
import type { CallSummary as StoredSummary, StoredDevice, StoredMessage } from '@sipflow/store';
import type { CallAccess } from './call-access';

/** Device id → the name an administrator gave it (AdminService.PutDevice); unnamed devices left out. */
export function adminDeviceNames(devices: readonly StoredDevice[]): ReadonlyMap<string, string> {
  return new Map(devices.filter((d) => d.name).map((d) => [d.id, d.name]));
}

/**
 * A stored call summary on the wire, with other parties hidden from customers. Device names an
 * administrator set win over the names the call was correlated with, as in the call view.
 */
export function toCallSummary(
  call: StoredSummary,
  access: CallAccess,
  names: ReadonlyMap<string, string> = new Map(),
): CallSummary {
  return {
    id: call.id,
    kind: call.kind,
    startUs: call.start,
    endUs: call.end,
    outcome: call.outcome,
    finalStatus: call.finalStatus,
    caller: access.party(call.caller),
    callee: access.party(call.callee),
    legCount: call.legs,
    devices: call.devices,
    deviceNames: call.devices.map((id, i) => names.get(id) || call.deviceNames[i] || id),
    sipCallIds: call.sipCallIds,
    findingCount: call.findings,
    findingCodes: call.findingCodes,
    open: call.open,
  };
}

export function summaryOfGraph(call: CallGraph): StoredSummary {
  const root = call.legs[0];
  return {
    id: call.id,
    kind: call.kind,
    start: call.start,
    end: call.end,
    outcome: call.outcome,
    finalStatus: root?.finalStatus ?? 0,
    caller: root ? root.assertedIdentity?.user || root.from.user : '',
    callee: root ? root.requestUri.user || root.to.user : '',
    legs: call.legs.length,
    devices: call.devices.map((d) => d.id),
    deviceNames: call.devices.map((d) => d.name),
    sipCallIds: call.sipCallIds,
    numbers: call.numbers,
    findings: call.findings.length,
    findingCodes: [...new Set(call.findings.map((f) => f.code))],
    open: call.open,
  };
}

function endpoint(e: { address: string; port: number } | undefined) {
  return e?.address ? { address: e.address, port: e.port } : undefined;
}

function party(p: LegParty, access: CallAccess): Party {
  const visible = access.party(p.user, p.host) === p.user;
  return visible
    ? { uri: p.uri, user: p.user, host: p.host, displayName: p.displayName ?? '', number: p.number ?? '' }
    : { uri: `sip:redacted@${p.host}`, user: 'redacted', host: p.host, displayName: '', number: '' };
}

/**
 * The ladder model (libs/ladder) as the wire's CallFlow: everything a portal needs to draw the
 * diagram without another call. Device names and pools set by an administrator win over the
 * device map the call was correlated with.
 */
export function toCallFlow(
  call: CallGraph,
  ladder: LadderModel,
  access: CallAccess,
  overrides: ReadonlyMap<string, StoredDevice>,
  messages: readonly StoredMessage[],
): CallFlow {
  const byRecord = new Map(messages.map((m) => [m.recordId, m]));
  const legsById = new Map<string, LegSummary>(call.legs.map((l) => [l.id, l]));
  const legLabel = new Map(ladder.legs.map((l) => [l.id, l.label]));
  const summary = summaryOfGraph(call);
  const names = new Map(ladder.columns.map((c) => [c.id, overrides.get(c.id)?.name || c.name]));
  return {
    call: toCallSummary({ ...summary, deviceNames: summary.devices.map((id) => names.get(id) ?? id) }, access),
    devices: ladder.columns.map((c) => ({
      id: c.id,
      name: names.get(c.id) ?? c.name,
      pool: overrides.get(c.id)?.pool || c.pool || '',
      address: c.address ?? '',
      index: c.index,
    })),
    legs: ladder.legs.map((l) => {
      const leg = legsById.get(l.id)!;
      return {
        id: l.id,
        label: l.label,
        index: l.index,
        colour: l.colour,
        sipCallId: l.callId,
        from: l.from,
        to: l.to,
        fromDevice: leg.uac.id,
        toDevice: leg.uas.id,
        method: l.method,
        kind: leg.kind,
        outcome: l.outcome,
        finalStatus: leg.finalStatus ?? 0,
        finalReason: leg.finalReason ?? '',
        startUs: leg.start,
        endUs: leg.end,
        caller: party(leg.assertedIdentity ?? leg.from, access),
        callee: party(leg.to, access),
        requestUri: party(leg.requestUri, access),
        recording: leg.recording,
        retransmissions: leg.retransmissions,
      };
    }),
    messages: ladder.arrows.map((a) => ({
      id: a.id,
      legId: a.legId,
      legIndex: a.legIndex,
      from: a.from,
      to: a.to,
      srcDevice: a.fromDevice,
      dstDevice: a.toDevice,
      src: endpoint(byRecord.get(a.id)?.src),
      dst: endpoint(byRecord.get(a.id)?.dst),
      tsUs: a.ts,
      correctedTsUs: a.correctedTs,
      relativeUs: a.relative,
      summary: a.label,
      isRequest: a.isRequest,
      method: a.method,
      status: a.status,
      cseq: a.cseq,
      retransmissions: a.retransmissions,
      lost: a.lost,
      findingCodes: a.findings,
      observations: a.observations.map((o) => ({
        recordId: o.recordId,
        device: o.device,
        direction: o.direction,
        tsUs: o.ts,
        attempt: o.attempt,
      })),
    })),
    links: call.links.map((link) => ({
      legIds: [...link.legs],
      kind: link.kind,
      device: link.device ?? '',
      confidence: link.confidence,
      evidence: link.evidence.map((e) => ({
        signal: e.signal,
        detail: access.text(e.detail),
        values: Object.fromEntries(Object.entries(e.values ?? {}).map(([k, v]) => [k, access.text(v)])),
      })),
    })),
    findings: call.findings.map((f, i) => ({
      code: f.code,
      severity: f.severity,
      title: access.text(f.title),
      explanation: access.text(f.explanation),
      legId: f.legId ?? '',
      legLabel: f.legId ? (legLabel.get(f.legId) ?? '') : '',
      messageIndexes: ladder.findings[i]?.arrows ?? [],
      recordIds: f.recordIds,
    })),
    clocks: {
      referenceDevice: ladder.clocks.reference ?? '',
      clocks: ladder.clocks.clocks.map((c) => ({
        device: c.device,
        offsetUs: Math.round(c.offsetUs),
        ...(c.uncertaintyUs !== undefined && { uncertaintyUs: Math.round(c.uncertaintyUs) }),
        basis: c.basis,
        resolutionUs: c.resolutionUs,
      })),
      hops: ladder.clocks.hops.map((h) => ({
        fromDevice: h.from,
        toDevice: h.to,
        medianUs: Math.round(h.medianUs),
        ...(h.uncertaintyUs !== undefined && { uncertaintyUs: Math.round(h.uncertaintyUs) }),
        samples: h.samples,
      })),
    },
    rewrites: ladder.rewrites.map((r) => ({
      device: r.device,
      fromLegId: r.fromLegId,
      toLegId: r.toLegId,
      message: r.message,
      receivedRecordId: r.receivedRecordId,
      forwardedRecordId: r.forwardedRecordId,
      // A display name says who someone is: not shown to customers (the numbers are scrubbed below).
      changes: r.diff.changes
        .filter((c) => !access.own || c.kind !== 'display-name')
        .map((c) => ({
          kind: c.kind,
          field: c.field,
          before: access.text(c.before ?? ''),
          after: access.text(c.after ?? ''),
          detail: access.text(c.detail),
        })),
      routine: r.diff.routine,
    })),
    startUs: ladder.start,
    endUs: ladder.end,
    corrections: [],
    holds: [],
  };
}
