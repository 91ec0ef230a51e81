import type { IngestPath, SipRecord } from '@sipflow/sip';

/**
 * One SIP message cut out of its container, before the collector knows which configured device
 * reported it: a SipRecord minus what the collector adds (record id, device, Call-ID, received
 * time). `completeSipRecord` turns one into the other.
 */
export interface CapturedSip extends Omit<
  SipRecord,
  'recordId' | 'device' | 'callId' | 'receivedTimeUs' | 'formatVariant'
> {
  /**
   * Who reported it, as the container names it: the syslog HOSTNAME (or sender address), the HEP
   * capture agent id (`hep:2001`); absent for pcap (the file names no reporter).
   */
  deviceHint?: string;
  /** Which input variant matched, e.g. `firebrick/syslog-5424`, `pcap/ethernet/ipv4/udp`, `hep/3`. */
  formatVariant: string;
}

/**
 * Input that could not be decoded: a value, never an exception (STYLE.md habit 2). `reason` names
 * the problem, `offset` is the byte (of the input handed to the decoder) where it was found, and
 * `raw` holds the bytes as received, for the dead-letter topic.
 */
export interface Rejection {
  ok: false;
  reason: string;
  offset: number;
  raw: Uint8Array;
}

export type Result<T> = { ok: true; value: T } | Rejection;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function reject(reason: string, offset: number, raw: Uint8Array): Rejection {
  return { ok: false, reason, offset, raw };
}

/** A rejection as a source decoder reports it: where it came in and which variant was tried. */
export interface IngestRejection extends Rejection {
  ingestPath: IngestPath;
  formatVariant?: string;
}

/**
 * Input that is well-formed but not SIP (a FireBrick log line about something else, a HEP RTCP
 * report, a UDP datagram that is DNS): counted by category, never a rejection.
 */
export type SkipTally = Record<string, number>;

export function countSkip(tally: SkipTally, category: string, n = 1): void {
  tally[category] = (tally[category] ?? 0) + n;
}

/** What a decoder hands back for one input (a datagram, a chunk of a stream, a file). */
export interface IngestBatch {
  records: CapturedSip[];
  rejections: IngestRejection[];
  skipped: SkipTally;
}

export function emptyBatch(): IngestBatch {
  return { records: [], rejections: [], skipped: {} };
}

/** Adds `from` into `into` (records, rejections and skip counts). */
export function mergeBatch(into: IngestBatch, from: IngestBatch): IngestBatch {
  for (const r of from.records) into.records.push(r);
  for (const r of from.rejections) into.rejections.push(r);
  for (const [k, n] of Object.entries(from.skipped)) countSkip(into.skipped, k, n);
  return into;
}
