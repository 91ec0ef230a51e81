import type { Transport } from '@sipflow/sip';
import { countSkip, emptyBatch, type CapturedSip, type IngestBatch } from '../core/captured-sip';
import { matchSipStartLine } from '../sip-stream/sip-start-line';
import { HEP_PAYLOAD_SIP, type HepPacket } from './hep-packet';
import { decodeHep2 } from './hep2.decoder';
import { decodeHep3, type Hep3Options } from './hep3.decoder';

export interface HepOptions extends Hep3Options {
  /** When set, packets whose auth key chunk (0x000e) differs are rejected. */
  authKey?: string;
  /** Capture time when a packet carries none (µs, e.g. when the collector received it). */
  receivedTimeUs?: number;
}

/** A HEP packet of any version (the first byte tells). */
export function decodeHep(b: Uint8Array, options: Hep3Options = {}) {
  return b[0] === 0x48 ? decodeHep3(b, options) : decodeHep2(b);
}

/**
 * One HEP datagram (or one frame of a HEP TCP stream) → the SIP it carries. Non-SIP payload
 * types (RTCP reports, logs, …) and keep-alives are counted as skipped, not rejected.
 */
export function decodeHepPacket(b: Uint8Array, options: HepOptions = {}): IngestBatch {
  const out = emptyBatch();
  const decoded = decodeHep(b, options);
  if (!decoded.ok) {
    out.rejections.push({ ...decoded, ingestPath: 'hep', formatVariant: 'hep' });
    return out;
  }
  const p = decoded.value;
  const variant = `hep/${p.version}${p.compressed ? '/compressed' : ''}`;
  if (options.authKey !== undefined && p.authKey !== options.authKey) {
    out.rejections.push({
      ok: false,
      reason: 'HEP auth key does not match',
      offset: 0,
      raw: b,
      ingestPath: 'hep',
      formatVariant: variant,
    });
    return out;
  }
  if (!p.payload || p.payload.length === 0) {
    countSkip(out.skipped, 'hep/no-payload');
    return out;
  }
  if (p.payloadType !== HEP_PAYLOAD_SIP) {
    countSkip(out.skipped, `hep/not-sip:${p.payloadType ?? 'none'}`);
    return out;
  }
  if (!matchSipStartLine(p.payload)) {
    out.rejections.push({
      ok: false,
      reason: 'HEP payload type is SIP but the payload has no SIP start line',
      offset: 0,
      raw: b,
      ingestPath: 'hep',
      formatVariant: variant,
    });
    return out;
  }
  out.records.push(hepCapturedSip(p, p.payload, variant, options.receivedTimeUs));
  return out;
}

function hepCapturedSip(p: HepPacket, raw: Uint8Array, variant: string, receivedTimeUs?: number): CapturedSip {
  const hasTime = p.timeSeconds !== undefined;
  const record: CapturedSip = {
    captureTimeUs: hasTime ? p.timeSeconds! * 1_000_000 + (p.timeMicros ?? 0) : (receivedTimeUs ?? 0),
    timePrecision: 'us',
    direction: 'unknown',
    transport: transportOf(p.ipProtocol),
    ingestPath: 'hep',
    raw,
    formatVariant: variant,
  };
  if (p.captureId !== undefined) record.deviceHint = `hep:${p.captureId}`;
  if (p.srcAddress !== undefined && p.srcPort !== undefined) record.source = { address: p.srcAddress, port: p.srcPort };
  if (p.dstAddress !== undefined && p.dstPort !== undefined)
    record.destination = { address: p.dstAddress, port: p.dstPort };
  if (p.correlationId) record.correlationId = p.correlationId;
  return record;
}

function transportOf(protocol: number | undefined): Transport {
  return protocol === 17 ? 'udp' : protocol === 6 ? 'tcp' : protocol === 132 ? 'sctp' : 'unknown';
}
