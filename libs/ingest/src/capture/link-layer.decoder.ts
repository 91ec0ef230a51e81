/** The network-layer payload found under a link-layer header. */
export interface NetworkPayload {
  kind: 'ipv4' | 'ipv6';
  bytes: Uint8Array;
  /** Layers crossed, for formatVariant: e.g. ['ethernet', 'vlan', 'pppoe']. */
  layers: string[];
}

export type LinkResult = NetworkPayload | { skip: string };

// LINKTYPE_* values (tcpdump.org/linktypes.html)
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  PPP: 9,
  RAW: 101,
  RAW_OPENBSD: 14,
  RAW_BSD: 12,
  PPP_ETHER: 51,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const ETH_VLAN = [0x8100, 0x88a8, 0x9100];
const ETH_PPPOE_SESSION = 0x8864;

export function decodeLinkLayer(linkType: number, b: Uint8Array): LinkResult {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return ethernet(b, []);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      // 4-byte address family: host byte order for NULL, network order for LOOP. AF_INET = 2;
      // AF_INET6 = 10 (Linux), 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS).
      if (b.length < 4) return { skip: 'link/short' };
      const le = view.getUint32(0, true);
      const be = view.getUint32(0, false);
      const family = linkType === LINKTYPE.LOOP ? be : le < 256 ? le : be;
      const layers = [linkType === LINKTYPE.LOOP ? 'loop' : 'null'];
      if (family === 2) return { kind: 'ipv4', bytes: b.subarray(4), layers };
      if ([10, 24, 28, 30].includes(family)) return { kind: 'ipv6', bytes: b.subarray(4), layers };
      return { skip: `null/family-${family}` };
    }
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_BSD:
    case LINKTYPE.RAW_OPENBSD:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return rawIp(b, ['raw']);
    case LINKTYPE.LINUX_SLL: {
      // 16-byte cooked header; protocol type at offset 14 (Linux "cooked" capture v1).
      if (b.length < 16) return { skip: 'link/short' };
      return etherType(view.getUint16(14, false), b.subarray(16), ['sll']);
    }
    case LINKTYPE.LINUX_SLL2: {
      // 20-byte header; protocol type at offset 0.
      if (b.length < 20) return { skip: 'link/short' };
      return etherType(view.getUint16(0, false), b.subarray(20), ['sll2']);
    }
    case LINKTYPE.PPP:
      return ppp(b, ['ppp']);
    case LINKTYPE.PPP_ETHER:
      return pppoe(b, ['pppoe']);
    default:
      return { skip: `link/type-${linkType}` };
  }
}

export function ethernet(b: Uint8Array, layers: string[]): LinkResult {
  if (b.length < 14) return { skip: 'link/short' };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return etherType(view.getUint16(12, false), b.subarray(14), [...layers, 'ethernet']);
}

function etherType(type: number, payload: Uint8Array, layers: string[]): LinkResult {
  // IEEE 802.1Q / 802.1ad (QinQ): 4-byte tags, each ending in the next EtherType.
  while (ETH_VLAN.includes(type)) {
    if (payload.length < 4) return { skip: 'link/short' };
    type = (payload[2]! << 8) | payload[3]!;
    payload = payload.subarray(4);
    layers = [...layers, 'vlan'];
  }
  if (type === ETH_IPV4) return { kind: 'ipv4', bytes: payload, layers };
  if (type === ETH_IPV6) return { kind: 'ipv6', bytes: payload, layers };
  if (type === ETH_PPPOE_SESSION) return pppoe(payload, [...layers, 'pppoe']);
  return { skip: `ethertype/0x${type.toString(16).padStart(4, '0')}` };
}

/** RFC 2516 §4: PPPoE session stage, 6-byte header then a PPP protocol field. */
function pppoe(b: Uint8Array, layers: string[]): LinkResult {
  if (b.length < 8 || b[1] !== 0x00) return { skip: 'pppoe/not-session' };
  return pppProtocol((b[6]! << 8) | b[7]!, b.subarray(8), layers);
}

/** RFC 1661 §2 with RFC 1662 HDLC-like framing (FF 03) when present. */
function ppp(b: Uint8Array, layers: string[]): LinkResult {
  let p = b;
  if (p[0] === 0xff && p[1] === 0x03) p = p.subarray(2);
  if (p.length < 2) return { skip: 'link/short' };
  // Protocol-Field-Compression (RFC 1661 §6.5): a one-byte protocol has its low bit set.
  if (p[0]! & 1) return pppProtocol(p[0]!, p.subarray(1), layers);
  return pppProtocol((p[0]! << 8) | p[1]!, p.subarray(2), layers);
}

function pppProtocol(protocol: number, payload: Uint8Array, layers: string[]): LinkResult {
  if (protocol === 0x0021) return { kind: 'ipv4', bytes: payload, layers };
  if (protocol === 0x0057) return { kind: 'ipv6', bytes: payload, layers };
  return { skip: `ppp/0x${protocol.toString(16)}` };
}

export function rawIp(b: Uint8Array, layers: string[]): LinkResult {
  const version = (b[0] ?? 0) >> 4;
  if (version === 4) return { kind: 'ipv4', bytes: b, layers };
  if (version === 6) return { kind: 'ipv6', bytes: b, layers };
  return { skip: `raw/version-${version}` };
}
