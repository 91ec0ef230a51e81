import type { CallGraph, Finding, LegSummary, MessageFacts } from '@sipflow/correlation';
import { numberKeys, type SipRecord } from '@sipflow/sip';
import { formatTimestampUs } from './time';

/**
 * Raw SIP bytes are stored as their latin1 text: every byte maps to one character, so the bytes
 * (binary bodies included) come back exactly, while the mostly-ASCII messages stay readable in SQL.
 */
export const bytesToStored = (raw: Uint8Array) =>
  Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
export const storedToBytes = (stored: string) => new Uint8Array(Buffer.from(stored, 'latin1'));

export interface MessageRow {
  record_id: string;
  ts: string;
  time_precision: string;
  call_id: string;
  device_id: string;
  device_name: string;
  direction: string;
  transport: string;
  src_addr: string;
  src_port: number;
  dst_addr: string;
  dst_port: number;
  src_device: string;
  dst_device: string;
  ingest_path: string;
  format_variant: string;
  is_request: number;
  method: string;
  status: number;
  reason: string;
  cseq: number;
  from_tag: string;
  to_tag: string;
  branch: string;
  fingerprint: string;
  attempt: number;
  size: number;
  raw: string;
}

export function messageRow(record: SipRecord, facts: MessageFacts): MessageRow {
  return {
    record_id: record.recordId,
    ts: formatTimestampUs(record.captureTimeUs),
    time_precision: record.timePrecision,
    call_id: record.callId,
    device_id: record.device.id,
    device_name: record.device.name,
    direction: record.direction,
    transport: record.transport,
    src_addr: record.source?.address ?? '',
    src_port: record.source?.port ?? 0,
    dst_addr: record.destination?.address ?? '',
    dst_port: record.destination?.port ?? 0,
    src_device: facts.src.id,
    dst_device: facts.dst.id,
    ingest_path: record.ingestPath,
    format_variant: record.formatVariant ?? '',
    is_request: facts.isRequest ? 1 : 0,
    method: facts.method,
    status: facts.status,
    reason: facts.reason,
    cseq: facts.cseq,
    from_tag: facts.fromTag,
    to_tag: facts.toTag,
    branch: facts.branch,
    fingerprint: facts.fingerprint,
    attempt: facts.attempt,
    size: record.raw.byteLength,
    raw: bytesToStored(record.raw),
  };
}

/**
 * Row versions are write-time stamps (monotonic per writer, see WriteVersions): the row written last
 * wins in ReplacingMergeTree, which is what a call rewritten as legs join, or a tombstone, needs.
 */
export function legRow(leg: LegSummary, findings: Finding[], version: number) {
  return {
    leg_id: leg.id,
    version,
    deleted: 0,
    call_id: leg.callId,
    start: formatTimestampUs(leg.start),
    end: formatTimestampUs(leg.end),
    uac_device: leg.uac.id,
    uas_device: leg.uas.id,
    method: leg.method,
    kind: leg.kind,
    outcome: leg.outcome,
    final_status: leg.finalStatus ?? 0,
    numbers: leg.numbers,
    open: leg.open ? 1 : 0,
    summary: JSON.stringify(leg),
    findings: JSON.stringify(findings),
  };
}

export function callRow(call: CallGraph, version: number) {
  const root = call.legs[0]!;
  return {
    call_id: call.id,
    version,
    deleted: 0,
    kind: call.kind,
    start: formatTimestampUs(call.start),
    end: formatTimestampUs(call.end),
    outcome: call.outcome,
    final_status: root.finalStatus ?? 0,
    caller: root.assertedIdentity?.user || root.from.user,
    callee: root.requestUri.user || root.to.user,
    legs: call.legs.length,
    devices: call.devices.map((d) => d.id),
    device_names: call.devices.map((d) => d.name),
    sip_call_ids: call.sipCallIds,
    numbers: call.numbers,
    findings: call.findings.length,
    finding_codes: [...new Set(call.findings.map((f) => f.code))],
    open: call.open ? 1 : 0,
    graph: JSON.stringify(call),
  };
}

/** A vanished call (merged into another, or split): written after every earlier version, it hides them. */
export function deletedCallRow(callId: string, version: number, nowUs: number) {
  // The tombstone lives as long as the rows it hides (its TTL runs from now).
  return {
    call_id: callId,
    version,
    deleted: 1,
    kind: 'other',
    start: formatTimestampUs(nowUs),
    end: formatTimestampUs(nowUs),
    outcome: '',
    final_status: 0,
    caller: '',
    callee: '',
    legs: 0,
    devices: [],
    device_names: [],
    sip_call_ids: [],
    numbers: [],
    findings: 0,
    finding_codes: [],
    open: 0,
    graph: '',
  };
}

/**
 * Index rows for search by number: every form of every party's number (international, national,
 * as stored), 'n:' for exact and prefix search, 'r:' + reversed digits for suffix search.
 */
export function numberRows(call: CallGraph, defaultCountry?: string) {
  const ts = formatTimestampUs(call.start);
  const keys = new Set(call.numbers.flatMap((n) => numberKeys(n, defaultCountry)));
  return [...keys].map((key) => ({ key, call_id: call.id, ts }));
}

export function deletedLegRow(legId: string, version: number, nowUs: number) {
  return {
    leg_id: legId,
    version,
    deleted: 1,
    call_id: '',
    start: formatTimestampUs(nowUs),
    end: formatTimestampUs(nowUs),
    uac_device: '',
    uas_device: '',
    method: '',
    kind: '',
    outcome: '',
    final_status: 0,
    numbers: [],
    open: 0,
    summary: '',
    findings: '',
  };
}

/** Strictly increasing write versions: microseconds of the wall clock, never repeating. */
export class WriteVersions {
  private last = 0;
  constructor(private readonly clock: () => number = () => Date.now() * 1000) {}
  next(): number {
    this.last = Math.max(this.last + 1, this.clock());
    return this.last;
  }
}
