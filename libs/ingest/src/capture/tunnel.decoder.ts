import { ethernet, type LinkResult } from './link-layer.decoder';

/**
 * RFC 2784/2890 GRE: flags (C, K, S add 4 bytes each) then the protocol type. ERSPAN type II
 * (0x88be, 8-byte header) and type III (0x22eb, 12 bytes, +8 with the platform-specific subheader
 * when the O bit is set) carry a mirrored Ethernet frame; 0x6558 carries Ethernet directly.
 */
export function decodeGre(b: Uint8Array): LinkResult {
  if (b.length < 4) return { skip: 'gre/short' };
  const flags = b[0]!;
  const version = b[1]! & 0x07;
  if (version !== 0) return { skip: `gre/version-${version}` };
  let at = 4;
  if (flags & 0x80) at += 4; // checksum + reserved
  if (flags & 0x20) at += 4; // key
  if (flags & 0x10) at += 4; // sequence number
  const protocol = (b[2]! << 8) | b[3]!;
  const payload = b.subarray(at);
  switch (protocol) {
    case 0x0800:
      return { kind: 'ipv4', bytes: payload, layers: ['gre'] };
    case 0x86dd:
      return { kind: 'ipv6', bytes: payload, layers: ['gre'] };
    case 0x6558:
      return ethernet(payload, ['gre']);
    case 0x88be: // ERSPAN type II; a GRE header without the S bit is ERSPAN type I (no header)
      return ethernet(flags & 0x10 ? payload.subarray(8) : payload, ['gre', 'erspan2']);
    case 0x22eb: {
      if (payload.length < 12) return { skip: 'erspan3/short' };
      const hasSubheader = (payload[11]! & 0x01) !== 0;
      return ethernet(payload.subarray(hasSubheader ? 20 : 12), ['gre', 'erspan3']);
    }
    default:
      return { skip: `gre/0x${protocol.toString(16)}` };
  }
}

/** 3GPP TS 29.281 §5: GTP-U v1 G-PDU (message type 255) carrying a user IP packet. */
export function decodeGtpU(b: Uint8Array): LinkResult | null {
  if (b.length < 8 || b[0]! >> 5 !== 1 || (b[0]! & 0x10) === 0 || b[1] !== 0xff) return null;
  const length = (b[2]! << 8) | b[3]!;
  let at = 8;
  const end = Math.min(b.length, 8 + length);
  if (b[0]! & 0x07) {
    // E, S or PN set: sequence number, N-PDU number and next extension header type follow.
    if (end < 12) return null;
    let nextExt = b[11]!;
    at = 12;
    while (nextExt !== 0) {
      const extLen = (b[at] ?? 0) * 4;
      if (extLen === 0 || at + extLen > end) return null;
      nextExt = b[at + extLen - 1]!;
      at += extLen;
    }
  }
  const inner = b.subarray(at, end);
  const version = (inner[0] ?? 0) >> 4;
  if (version === 4) return { kind: 'ipv4', bytes: inner, layers: ['gtpu'] };
  if (version === 6) return { kind: 'ipv6', bytes: inner, layers: ['gtpu'] };
  return null;
}
