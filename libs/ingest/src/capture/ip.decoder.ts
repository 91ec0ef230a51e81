import { ipv4Text, ipv6Text } from './ip-address';

/** One IP packet (or fragment) with its transport payload located. */
export interface IpPacket {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Upper-layer protocol (after IPv6 extension headers). */
  protocol: number;
  payload: Uint8Array;
  /** Set when this is a fragment (RFC 791 §3.2, RFC 8200 §4.5). */
  fragment?: { id: number; offset: number; more: boolean };
}

export type IpResult = IpPacket | { skip: string };

/** RFC 791 §3.1. The payload ends at Total Length (Ethernet padding dropped). */
export function decodeIpv4(b: Uint8Array): IpResult {
  if (b.length < 20 || b[0]! >> 4 !== 4) return { skip: 'ipv4/bad-header' };
  const ihl = (b[0]! & 0x0f) * 4;
  const total = (b[2]! << 8) | b[3]!;
  if (ihl < 20 || total < ihl || b.length < ihl) return { skip: 'ipv4/bad-header' };
  const end = Math.min(total, b.length); // a capture cut at the snap length keeps what it has
  const flagsOffset = (b[6]! << 8) | b[7]!;
  const more = (flagsOffset & 0x2000) !== 0;
  const offset = (flagsOffset & 0x1fff) * 8;
  const packet: IpPacket = {
    version: 4,
    src: ipv4Text(b, 12),
    dst: ipv4Text(b, 16),
    protocol: b[9]!,
    payload: b.subarray(ihl, end),
  };
  if (more || offset > 0) packet.fragment = { id: (b[4]! << 8) | b[5]!, offset, more };
  return packet;
}

// RFC 8200 §4: extension headers with the generic (next header, length in 8-octet units) layout.
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTH = 51;
const DEST_OPTIONS = 60;
const MOBILITY = 135;
const HIP = 139;
const SHIM6 = 140;

/** RFC 8200 §3 and §4: the fixed header, then extension headers up to the upper-layer header. */
export function decodeIpv6(b: Uint8Array): IpResult {
  if (b.length < 40 || b[0]! >> 4 !== 6) return { skip: 'ipv6/bad-header' };
  const payloadLength = (b[4]! << 8) | b[5]!;
  const end = Math.min(40 + payloadLength, b.length);
  let next = b[6]!;
  let at = 40;
  let fragment: IpPacket['fragment'];
  for (;;) {
    if (
      next === HOP_BY_HOP ||
      next === ROUTING ||
      next === DEST_OPTIONS ||
      next === MOBILITY ||
      next === HIP ||
      next === SHIM6
    ) {
      if (at + 8 > end) return { skip: 'ipv6/bad-extension' };
      const len = (b[at + 1]! + 1) * 8;
      next = b[at]!;
      at += len;
    } else if (next === AUTH) {
      // RFC 4302 §2.2: length in 4-octet units, minus 2.
      if (at + 8 > end) return { skip: 'ipv6/bad-extension' };
      const len = (b[at + 1]! + 2) * 4;
      next = b[at]!;
      at += len;
    } else if (next === FRAGMENT) {
      if (at + 8 > end) return { skip: 'ipv6/bad-extension' };
      const offsetFlags = (b[at + 2]! << 8) | b[at + 3]!;
      const id = ((b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!) >>> 0;
      fragment = { id, offset: offsetFlags & 0xfff8, more: (offsetFlags & 1) === 1 };
      next = b[at]!;
      at += 8;
      // §4.5: an "atomic" fragment (offset 0, M 0) is a whole packet.
      if (fragment.offset === 0 && !fragment.more) fragment = undefined;
      break; // what follows a fragment header is only readable after reassembly
    } else break;
    if (at > end) return { skip: 'ipv6/bad-extension' };
  }
  const packet: IpPacket = {
    version: 6,
    src: ipv6Text(b, 8),
    dst: ipv6Text(b, 24),
    protocol: next,
    payload: b.subarray(at, end),
  };
  if (fragment) packet.fragment = fragment;
  return packet;
}
