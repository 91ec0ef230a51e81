import { ipv4Bytes as ipv4, ipv6Bytes as ipv6, isIPv4 } from '../capture/ip-address';
import { HEP_PAYLOAD_SIP } from './hep-packet';

export interface Hep3Capture {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** Capture time, µs since the epoch. */
  timeUs: number;
  captureId: number;
  /** IP protocol: 17 UDP (default), 6 TCP. */
  ipProtocol?: number;
}

/** One generic chunk (vendor 0): vendor id, type, length including this 6-byte header. */
function chunk(type: number, body: Uint8Array): Buffer {
  const out = Buffer.alloc(6 + body.length);
  out.writeUInt16BE(0, 0);
  out.writeUInt16BE(type, 2);
  out.writeUInt16BE(out.length, 4);
  out.set(body, 6);
  return out;
}

const u8 = (v: number) => Uint8Array.of(v);
const u16 = (v: number) => Uint8Array.of(v >> 8, v & 0xff);
const u32 = (v: number) => Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);

/**
 * A HEP v3 packet carrying one SIP message, as a capture agent (Kamailio siptrace, heplify) sends
 * it: HEP3 spec rev. 37 generic chunks — IP family and protocol, addresses (0x0003/0x0004 IPv4,
 * 0x0005/0x0006 IPv6), ports, time in seconds and microseconds, payload type 1 (SIP), capture id,
 * payload. The decoder in this folder reads what this writes.
 */
export function encodeHep3(sip: Uint8Array, capture: Hep3Capture): Buffer {
  const v4 = isIPv4(capture.src);
  const chunks = Buffer.concat([
    chunk(0x0001, u8(v4 ? 2 : 10)),
    chunk(0x0002, u8(capture.ipProtocol ?? 17)),
    chunk(v4 ? 0x0003 : 0x0005, v4 ? ipv4(capture.src) : ipv6(capture.src)),
    chunk(v4 ? 0x0004 : 0x0006, v4 ? ipv4(capture.dst) : ipv6(capture.dst)),
    chunk(0x0007, u16(capture.srcPort)),
    chunk(0x0008, u16(capture.dstPort)),
    chunk(0x0009, u32(Math.floor(capture.timeUs / 1e6))),
    chunk(0x000a, u32(capture.timeUs % 1e6)),
    chunk(0x000b, u8(HEP_PAYLOAD_SIP)),
    chunk(0x000c, u32(capture.captureId)),
    chunk(0x000f, sip),
  ]);
  const header = Buffer.alloc(6);
  header.write('HEP3', 0, 'latin1');
  header.writeUInt16BE(6 + chunks.length, 4);
  return Buffer.concat([header, chunks]);
}
