import { crc32 } from 'node:zlib';

/** One message waiting for the bus: where it goes, its key and bytes, and the labels it is counted by. */
export interface OutboundEntry {
  topic: string;
  key: string;
  value: Uint8Array;
  /** Device id, for the metrics. */
  device: string;
  /** Ingest path (syslog, hep, pcap, file), for the metrics. */
  ingestPath: string;
}

/** Bytes of the frame around a payload: u32 payload length, u32 CRC-32 of the payload. */
export const FRAME_HEADER = 8;
const VERSION = 1;

/** The bytes an entry takes in memory or on disk (for the buffer and spool bounds). */
export function entrySize(entry: OutboundEntry): number {
  return (
    FRAME_HEADER +
    16 +
    entry.topic.length +
    entry.device.length +
    entry.ingestPath.length +
    entry.key.length * 3 +
    entry.value.length
  );
}

/**
 * A spool record: length-prefixed and checksummed so that a torn write (power cut, kill -9 in the
 * middle of an append) is found on start-up and cut off instead of replaying garbage.
 * payload = version u8 | topic (u16 len) | device (u16 len) | path (u8 len) | key (u32 len) | value.
 */
export function encodeSpoolRecord(entry: OutboundEntry): Buffer {
  const topic = Buffer.from(entry.topic, 'utf8');
  const device = Buffer.from(entry.device, 'utf8').subarray(0, 0xffff);
  const path = Buffer.from(entry.ingestPath, 'utf8').subarray(0, 0xff);
  const key = Buffer.from(entry.key, 'utf8');
  const payloadLength =
    1 + 2 + topic.length + 2 + device.length + 1 + path.length + 4 + key.length + entry.value.length;
  const out = Buffer.allocUnsafe(FRAME_HEADER + payloadLength);
  let at = FRAME_HEADER;
  out.writeUInt8(VERSION, at++);
  out.writeUInt16BE(topic.length, at);
  at += 2;
  at += topic.copy(out, at);
  out.writeUInt16BE(device.length, at);
  at += 2;
  at += device.copy(out, at);
  out.writeUInt8(path.length, at++);
  at += path.copy(out, at);
  out.writeUInt32BE(key.length, at);
  at += 4;
  at += key.copy(out, at);
  out.set(entry.value, at);
  out.writeUInt32BE(payloadLength, 0);
  out.writeUInt32BE(crc32(out.subarray(FRAME_HEADER)), 4);
  return out;
}

export type SpoolRecordRead =
  { kind: 'record'; entry: OutboundEntry; size: number } | { kind: 'incomplete' } | { kind: 'corrupt'; reason: string };

/** Reads the record at `at` of `b` (a window of a segment file). */
export function decodeSpoolRecord(b: Buffer, at: number, maxPayload: number): SpoolRecordRead {
  if (b.length - at < FRAME_HEADER) return { kind: 'incomplete' };
  const length = b.readUInt32BE(at);
  if (length < 12 || length > maxPayload) return { kind: 'corrupt', reason: `record length ${length} out of range` };
  if (b.length - at - FRAME_HEADER < length) return { kind: 'incomplete' };
  const payload = b.subarray(at + FRAME_HEADER, at + FRAME_HEADER + length);
  if (crc32(payload) !== b.readUInt32BE(at + 4)) return { kind: 'corrupt', reason: 'checksum mismatch' };
  let p = 0;
  if (payload.readUInt8(p++) !== VERSION) return { kind: 'corrupt', reason: 'unknown record version' };
  const text = (n: number) => {
    const s = payload.toString('utf8', p, p + n);
    p += n;
    return s;
  };
  try {
    const topic = text(payload.readUInt16BE((p += 2) - 2));
    const device = text(payload.readUInt16BE((p += 2) - 2));
    const ingestPath = text(payload.readUInt8(p++));
    const key = text(payload.readUInt32BE((p += 4) - 4));
    if (p > payload.length) return { kind: 'corrupt', reason: 'fields run past the record' };
    const value = new Uint8Array(payload.subarray(p)); // a copy: the read window is reused
    return { kind: 'record', entry: { topic, key, value, device, ingestPath }, size: FRAME_HEADER + length };
  } catch {
    return { kind: 'corrupt', reason: 'fields run past the record' };
  }
}
