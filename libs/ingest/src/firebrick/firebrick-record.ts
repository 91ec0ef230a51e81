import type { IngestPath, TimePrecision, Transport } from '@sipflow/sip';
import { concatBytes } from '../core/byte-text';
import { reject, type CapturedSip, type Result } from '../core/captured-sip';
import { contentLength, readHeaderBlock } from '../sip-stream/sip-header-lookup';
import { matchSipStartLine } from '../sip-stream/sip-start-line';
import type { FireBrickHeader } from './firebrick-header.parser';
import type { FireBrickPeerDeriver, PeerSource } from './firebrick-peer';

/** A FireBrick record as captured, plus how its peer was found. */
export interface FireBrickCapturedSip extends CapturedSip {
  peerSource: PeerSource;
}

export interface FireBrickRecordInput {
  header: FireBrickHeader;
  /** The lines after the header line, as logged. */
  sip: Uint8Array;
  timeUs: number;
  timePrecision: TimePrecision;
  /** Device as the log names it (syslog HOSTNAME or source address); scopes branch memory. */
  deviceKey: string;
  deviceHint?: string;
  /** The module (RFC 5424 APP-NAME, e.g. voip-udp-rx), a transport hint when the Via has none. */
  module?: string;
  ingestPath: IngestPath;
  formatVariant: string;
}

const CR = 0x0d;
const LF = 0x0a;

/** One FireBrick SIP packet record → CapturedSip (FIREBRICK.md), or a rejection naming the problem. */
export function buildFireBrickRecord(
  input: FireBrickRecordInput,
  peers: FireBrickPeerDeriver,
): Result<FireBrickCapturedSip> {
  let start = 0;
  while (input.sip[start] === CR || input.sip[start] === LF) start++;
  const text = input.sip.subarray(start);
  if (!matchSipStartLine(text))
    return reject('FireBrick record has no SIP start line after its header', start, input.sip);
  const raw = completeMessage(text);
  const block = readHeaderBlock(raw);
  if (!block) return reject('FireBrick record: SIP header block not terminated', start, input.sip);

  const derived = peers.derive(input.deviceKey, input.header, block);
  const transport: Transport = derived.transport !== 'unknown' ? derived.transport : moduleTransport(input.module);
  const record: FireBrickCapturedSip = {
    captureTimeUs: input.timeUs,
    timePrecision: input.timePrecision,
    direction: input.header.direction,
    transport,
    ingestPath: input.ingestPath,
    raw,
    formatVariant: input.formatVariant,
    peerSource: derived.source,
  };
  if (input.deviceHint !== undefined) record.deviceHint = input.deviceHint;
  if (input.header.attempt !== undefined) record.attempt = input.header.attempt;
  if (derived.peer) {
    if (input.header.direction === 'rx') record.source = derived.peer;
    else record.destination = derived.peer;
  }
  return { ok: true, value: record };
}

function moduleTransport(module: string | undefined): Transport {
  const m = module?.toLowerCase() ?? '';
  return m.includes('udp') ? 'udp' : m.includes('tcp') ? 'tcp' : m.includes('tls') ? 'tls' : 'unknown';
}

/**
 * Logs lose the message's ending: the empty line after the headers may be missing (the one real
 * sample ends its 403 at "l: 0") and a log line end may follow the body. Restore the empty line in
 * the message's own line-end style, and cut trailing line ends beyond Content-Length.
 */
function completeMessage(text: Uint8Array): Uint8Array {
  const firstLf = text.indexOf(LF);
  const eol = firstLf > 0 && text[firstLf - 1] === CR ? [CR, LF] : [LF];
  const block = readHeaderBlock(text);
  if (!block) {
    let end = text.length;
    while (end > 0 && (text[end - 1] === CR || text[end - 1] === LF)) end--;
    return concatBytes([text.subarray(0, end), Uint8Array.from([...eol, ...eol])]);
  }
  const declared = contentLength(block.lines);
  let end = text.length;
  if (declared !== undefined && !Number.isNaN(declared)) {
    while (end > block.bodyStart + declared && (text[end - 1] === CR || text[end - 1] === LF)) end--;
  }
  return text.slice(0, end);
}
