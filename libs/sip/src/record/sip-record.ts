/**
 * One SIP message as one device (or probe) saw it: what every decoder emits and the correlator
 * consumes. The domain twin of the wire message sipflow.v1.SipRecord (proto/); the mapping between
 * the two lives in the bus adapter.
 */
export interface SipRecord {
  /** Hash of source, capture time and bytes (hex): replaying the same observation gives the same id. */
  recordId: string;
  /** Capture time, microseconds since the Unix epoch (UTC), as the reporting device stamped it. */
  captureTimeUs: number;
  /** FireBrick display logs have whole seconds; syslog RFC 5424 and pcap have microseconds. */
  timePrecision: TimePrecision;
  device: DeviceRef;
  /** As the reporting device saw it. */
  direction: Direction;
  transport: Transport;
  source?: Endpoint;
  destination?: Endpoint;
  ingestPath: IngestPath;
  /** The SIP message exactly as captured. */
  raw: Uint8Array;
  /** Call-ID header value ('' if none); also the bus key. */
  callId: string;
  /** When the collector received it (µs since the epoch). */
  receivedTimeUs?: number;
  /** Transmission attempt as logged (FireBrick "Try n"); 0 is the first. */
  attempt?: number;
  /** Which input variant matched, e.g. 'firebrick/rfc5424' (FIREBRICK.md asks us to record it). */
  formatVariant?: string;
  /** HEP correlation id chunk, when the sender set one. */
  correlationId?: string;
}

export type TimePrecision = 'us' | 'ms' | 's';
export type Direction = 'rx' | 'tx' | 'unknown';
export type Transport = 'udp' | 'tcp' | 'tls' | 'sctp' | 'ws' | 'wss' | 'unknown';
export type IngestPath = 'syslog' | 'hep' | 'pcap' | 'file';

export interface Endpoint {
  /** IPv4 dotted quad or IPv6 (no brackets). */
  address: string;
  port: number;
}

export interface DeviceRef {
  /** Stable id: configured id, else HEP capture id, syslog hostname, or source address. */
  id: string;
  /** Known name from the device map, else the id. */
  name: string;
  address?: string;
  /** Pool the device belongs to, e.g. 'recorders'. */
  pool?: string;
}
