import { reject, type Result } from '../core/captured-sip';
import { ipv4Text, ipv6Text } from '../capture/ip-address';
import type { HepPacket } from './hep-packet';

/**
 * HEP v1 and v2 (captagent's hep.h): version (1 or 2), header length, IP family (2 or 10), IP
 * protocol, source and destination ports (network order), source and destination addresses; v2
 * adds seconds and microseconds (host order: little-endian on the x86 agents that wrote it) and a
 * 16-bit capture id. The payload follows the header; its type is not given (SIP assumed).
 */
export function decodeHep2(b: Uint8Array): Result<HepPacket> {
  const version = b[0];
  if ((version !== 1 && version !== 2) || b.length < 4) return reject('not HEP v1/v2', 0, b);
  const headerLength = b[1]!;
  const family = b[2]!;
  const addr = family === 2 ? 4 : family === 10 ? 16 : 0;
  if (addr === 0) return reject(`HEP v${version} IP family ${family} is neither 2 nor 10`, 2, b);
  const expected = 8 + 2 * addr + (version === 2 ? 12 : 0);
  if (headerLength !== expected)
    return reject(`HEP v${version} header length ${headerLength}, expected ${expected}`, 1, b);
  if (b.length < expected) return reject(`HEP v${version} packet shorter than its header`, 0, b);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const text = addr === 4 ? ipv4Text : ipv6Text;
  const p: HepPacket = {
    version,
    ipFamily: family,
    ipProtocol: b[3]!,
    srcPort: view.getUint16(4, false),
    dstPort: view.getUint16(6, false),
    srcAddress: text(b, 8),
    dstAddress: text(b, 8 + addr),
    payload: b.subarray(expected),
    payloadType: 1,
    compressed: false,
    vendorChunks: 0,
  };
  if (version === 2) {
    const t = 8 + 2 * addr;
    p.timeSeconds = view.getUint32(t, true);
    p.timeMicros = view.getUint32(t + 4, true);
    p.captureId = view.getUint16(t + 8, true);
  }
  return { ok: true, value: p };
}
