import {
  DeadLetter as DeadLetterMessage,
  Direction as WireDirection,
  IngestPath as WireIngestPath,
  SipRecord as WireSipRecord,
  TimePrecision as WireTimePrecision,
  Transport as WireTransport,
} from '@sipflow/proto';
import type { DeviceRef, Direction, IngestPath, SipRecord, TimePrecision, Transport } from '@sipflow/sip';

// The mapping between the domain SipRecord (libs/sip) and the wire message sipflow.v1.SipRecord
// (proto/, the ⚑ Kafka contract of topic sip.raw.v1). Domain code never sees generated types.

const directions: [Direction, WireDirection][] = [
  ['unknown', WireDirection.DIRECTION_UNSPECIFIED],
  ['rx', WireDirection.DIRECTION_RX],
  ['tx', WireDirection.DIRECTION_TX],
];
const transports: [Transport, WireTransport][] = [
  ['unknown', WireTransport.TRANSPORT_UNSPECIFIED],
  ['udp', WireTransport.TRANSPORT_UDP],
  ['tcp', WireTransport.TRANSPORT_TCP],
  ['tls', WireTransport.TRANSPORT_TLS],
  ['sctp', WireTransport.TRANSPORT_SCTP],
  ['ws', WireTransport.TRANSPORT_WS],
  ['wss', WireTransport.TRANSPORT_WSS],
];
const paths: [IngestPath, WireIngestPath][] = [
  ['syslog', WireIngestPath.INGEST_PATH_SYSLOG],
  ['hep', WireIngestPath.INGEST_PATH_HEP],
  ['pcap', WireIngestPath.INGEST_PATH_PCAP],
  ['file', WireIngestPath.INGEST_PATH_FILE],
];
const precisions: [TimePrecision, WireTimePrecision][] = [
  ['us', WireTimePrecision.TIME_PRECISION_MICROSECONDS],
  ['ms', WireTimePrecision.TIME_PRECISION_MILLISECONDS],
  ['s', WireTimePrecision.TIME_PRECISION_SECONDS],
];

function toWire<D, W>(table: [D, W][], value: D, fallback: W): W {
  return table.find(([d]) => d === value)?.[1] ?? fallback;
}
function fromWire<D, W>(table: [D, W][], value: W, fallback: D): D {
  return table.find(([, w]) => w === value)?.[0] ?? fallback;
}

export function encodeSipRecord(record: SipRecord): Uint8Array {
  return WireSipRecord.encode({
    recordId: record.recordId,
    captureTimeUs: record.captureTimeUs,
    device: {
      id: record.device.id,
      name: record.device.name,
      address: record.device.address ?? '',
      pool: record.device.pool ?? '',
    },
    direction: toWire(directions, record.direction, WireDirection.DIRECTION_UNSPECIFIED),
    transport: toWire(transports, record.transport, WireTransport.TRANSPORT_UNSPECIFIED),
    source: record.source ? { address: record.source.address, port: record.source.port } : undefined,
    destination: record.destination
      ? { address: record.destination.address, port: record.destination.port }
      : undefined,
    ingestPath: toWire(paths, record.ingestPath, WireIngestPath.INGEST_PATH_UNSPECIFIED),
    raw: record.raw,
    callId: record.callId,
    receivedTimeUs: record.receivedTimeUs ?? 0,
    attempt: record.attempt ?? 0,
    formatVariant: record.formatVariant ?? '',
    correlationId: record.correlationId ?? '',
    timePrecision: toWire(precisions, record.timePrecision, WireTimePrecision.TIME_PRECISION_MICROSECONDS),
  }).finish();
}

/** Throws on bytes that are not a SipRecord (the consumer dead-letters them). */
export function decodeSipRecord(bytes: Uint8Array): SipRecord {
  const wire = WireSipRecord.decode(bytes);
  if (!wire.recordId || wire.raw.length === 0) throw new Error('not a SipRecord: no record id or no message bytes');
  const device: DeviceRef = {
    id: wire.device?.id ?? 'unknown',
    name: wire.device?.name || wire.device?.id || 'unknown',
  };
  if (wire.device?.address) device.address = wire.device.address;
  if (wire.device?.pool) device.pool = wire.device.pool;
  const record: SipRecord = {
    recordId: wire.recordId,
    captureTimeUs: wire.captureTimeUs,
    timePrecision: fromWire(precisions, wire.timePrecision, 'us'),
    device,
    direction: fromWire(directions, wire.direction, 'unknown'),
    transport: fromWire(transports, wire.transport, 'unknown'),
    ingestPath: fromWire(paths, wire.ingestPath, 'file'),
    raw: wire.raw,
    callId: wire.callId,
  };
  if (wire.source?.address) record.source = { address: wire.source.address, port: wire.source.port };
  if (wire.destination?.address)
    record.destination = { address: wire.destination.address, port: wire.destination.port };
  if (wire.receivedTimeUs) record.receivedTimeUs = wire.receivedTimeUs;
  if (wire.attempt) record.attempt = wire.attempt;
  if (wire.formatVariant) record.formatVariant = wire.formatVariant;
  if (wire.correlationId) record.correlationId = wire.correlationId;
  return record;
}

/** Rejected input as it travels on sip.deadletter.v1: the reason, the path, the original bytes. */
export interface DeadLetter {
  reason: string;
  ingestPath: IngestPath;
  original: Uint8Array;
  receivedTimeUs: number;
  /** Sender address:port, or file name. */
  source: string;
  offset?: number;
  device?: DeviceRef;
}

export function encodeDeadLetter(letter: DeadLetter): Uint8Array {
  return DeadLetterMessage.encode({
    reason: letter.reason,
    ingestPath: toWire(paths, letter.ingestPath, WireIngestPath.INGEST_PATH_UNSPECIFIED),
    original: letter.original,
    receivedTimeUs: letter.receivedTimeUs,
    source: letter.source,
    offset: letter.offset ?? -1,
    device: letter.device
      ? {
          id: letter.device.id,
          name: letter.device.name,
          address: letter.device.address ?? '',
          pool: letter.device.pool ?? '',
        }
      : undefined,
  }).finish();
}

export function decodeDeadLetter(bytes: Uint8Array): DeadLetter {
  const wire = DeadLetterMessage.decode(bytes);
  return {
    reason: wire.reason,
    ingestPath: fromWire(paths, wire.ingestPath, 'file'),
    original: wire.original,
    receivedTimeUs: wire.receivedTimeUs,
    source: wire.source,
    ...(wire.offset >= 0 ? { offset: wire.offset } : {}),
    ...(wire.device ? { device: { id: wire.device.id, name: wire.device.name } } : {}),
  };
}
