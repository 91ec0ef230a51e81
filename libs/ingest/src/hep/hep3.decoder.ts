import { latin1, utf8 } from '../core/byte-text';
import { reject, type Result } from '../core/captured-sip';
import { ipv4Text, ipv6Text } from '../capture/ip-address';
import type { HepPacket } from './hep-packet';

/** Inflates zlib (RFC 1950) data, e.g. node:zlib inflateSync bounded to maxOutputLength. */
export type Inflate = (data: Uint8Array) => Uint8Array;

export interface Hep3Options {
  /** Needed for compressed payload chunks (0x0010); without it they are rejected. */
  inflate?: Inflate;
}

const CHUNK_HEADER = 6;

/**
 * HEP3 / EEP (HEP3 Network Protocol Specification rev. 37, corpus/hep): "HEP3", a 16-bit total
 * length (header included), then chunks of vendor id, type id and a 16-bit length that includes
 * its 6-byte header. Every length is checked; fixed-size chunks must have their exact size. Vendor
 * chunks (vendor ≠ 0) and unknown generic chunks are skipped.
 */
export function decodeHep3(b: Uint8Array, options: Hep3Options = {}): Result<HepPacket> {
  if (b.length < 6 || latin1(b, 0, 4) !== 'HEP3') return reject('not HEP3 (no "HEP3" id)', 0, b);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const total = view.getUint16(4, false);
  if (total < 6) return reject(`HEP3 total length ${total} is below the 6-byte header`, 4, b);
  if (total > b.length) return reject(`HEP3 total length ${total} exceeds the ${b.length} bytes received`, 4, b);
  if (total < b.length) return reject(`HEP3 total length ${total} leaves ${b.length - total} bytes unaccounted`, 4, b);
  const p: HepPacket = { version: 3, compressed: false, vendorChunks: 0 };
  let at = 6;
  while (at < total) {
    if (total - at < CHUNK_HEADER) return reject('HEP3 chunk header cut short', at, b);
    const vendor = view.getUint16(at, false);
    const type = view.getUint16(at + 2, false);
    const length = view.getUint16(at + 4, false);
    if (length < CHUNK_HEADER) return reject(`HEP3 chunk 0x${hex(type)} length ${length} is below 6`, at + 4, b);
    if (at + length > total) return reject(`HEP3 chunk 0x${hex(type)} runs past the packet end`, at + 4, b);
    const body = b.subarray(at + CHUNK_HEADER, at + length);
    const size = body.length;
    const need = (n: number): Result<null> =>
      size === n ? { ok: true, value: null } : reject(`HEP3 chunk 0x${hex(type)} has ${size} bytes, not ${n}`, at, b);
    if (vendor !== 0) {
      p.vendorChunks++;
    } else {
      let check: Result<null> = { ok: true, value: null };
      const u8 = () => body[0]!;
      const u16 = () => view.getUint16(at + CHUNK_HEADER, false);
      const u32 = () => view.getUint32(at + CHUNK_HEADER, false);
      switch (type) {
        case 0x0001:
          if ((check = need(1)).ok) p.ipFamily = u8();
          break;
        case 0x0002:
          if ((check = need(1)).ok) p.ipProtocol = u8();
          break;
        case 0x0003:
          if ((check = need(4)).ok) p.srcAddress = ipv4Text(body, 0);
          break;
        case 0x0004:
          if ((check = need(4)).ok) p.dstAddress = ipv4Text(body, 0);
          break;
        case 0x0005:
          if ((check = need(16)).ok) p.srcAddress = ipv6Text(body, 0);
          break;
        case 0x0006:
          if ((check = need(16)).ok) p.dstAddress = ipv6Text(body, 0);
          break;
        case 0x0007:
          if ((check = need(2)).ok) p.srcPort = u16();
          break;
        case 0x0008:
          if ((check = need(2)).ok) p.dstPort = u16();
          break;
        case 0x0009:
          if ((check = need(4)).ok) p.timeSeconds = u32();
          break;
        case 0x000a:
          if ((check = need(4)).ok) p.timeMicros = u32();
          break;
        case 0x000b:
          if ((check = need(1)).ok) p.payloadType = u8();
          break;
        case 0x000c:
          // Captagent 6 sends 4 bytes; some agents send 2.
          if (size === 4) p.captureId = u32();
          else if ((check = need(2)).ok) p.captureId = u16();
          break;
        case 0x000d:
          if ((check = need(2)).ok) p.keepAliveSeconds = u16();
          break;
        case 0x000e:
          p.authKey = utf8(stripNul(body));
          break;
        case 0x000f:
          p.payload = body;
          break;
        case 0x0010: {
          if (!options.inflate) return reject('HEP3 compressed payload (0x0010) and no inflate given', at, b);
          try {
            p.payload = options.inflate(body);
          } catch (e) {
            return reject(`HEP3 compressed payload does not inflate: ${(e as Error).message}`, at, b);
          }
          p.compressed = true;
          break;
        }
        case 0x0011:
          p.correlationId = utf8(stripNul(body));
          break;
        case 0x0012:
          if ((check = need(2)).ok) p.vlanId = u16();
          break;
        case 0x0013:
          p.captureAgentName = utf8(stripNul(body));
          break;
        default:
          break; // other generic chunks (QoS, MOS, node name …): not needed here
      }
      if (!check.ok) return check;
    }
    at += length;
  }
  return { ok: true, value: p };
}

function stripNul(b: Uint8Array): Uint8Array {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return b.subarray(0, end);
}

const hex = (n: number) => n.toString(16).padStart(4, '0');
