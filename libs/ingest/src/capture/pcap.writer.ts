import { ipv4Bytes, ipv6Bytes, isIPv4 } from './ip-address';

/** One SIP message to write as a packet. */
export interface PcapMessage {
  /** Capture time, µs since the epoch. */
  timeUs: number;
  src: { address: string; port: number };
  dst: { address: string; port: number };
  payload: Uint8Array;
}

/** libpcap file format (tcpdump.org/manual/pcap-savefile): magic, v2.4, µs timestamps. */
const PCAP_MAGIC = 0xa1b2c3d4;
const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 262_144;
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const IPPROTO_UDP = 17;

/** RFC 1071 one's-complement sum of 16-bit words. */
function onesComplementSum(parts: Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) sum += (part[i]! << 8) | (part[i + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

const checksum = (parts: Uint8Array[]) => ~onesComplementSum(parts) & 0xffff;
/** RFC 768: a computed UDP checksum of zero is sent as all ones (zero means "none"). */
const udpChecksum = (parts: Uint8Array[]) => checksum(parts) || 0xffff;

function udp(srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  view.setUint16(0, srcPort);
  view.setUint16(2, dstPort);
  view.setUint16(4, 8 + payload.length);
  return header;
}

/** One Ethernet frame carrying the message over UDP on IPv4 or IPv6 (both ends of one family). */
function frame(m: PcapMessage): Uint8Array {
  const v4 = isIPv4(m.src.address) && isIPv4(m.dst.address);
  const src = v4 ? ipv4Bytes(m.src.address) : ipv6Bytes(m.src.address);
  const dst = v4 ? ipv4Bytes(m.dst.address) : ipv6Bytes(m.dst.address);
  const udpHeader = udp(m.src.port, m.dst.port, m.payload);
  const udpLength = 8 + m.payload.length;
  let ip: Uint8Array;
  if (v4) {
    ip = new Uint8Array(20);
    const v = new DataView(ip.buffer);
    v.setUint8(0, 0x45);
    v.setUint16(2, 20 + udpLength);
    v.setUint8(8, 64);
    v.setUint8(9, IPPROTO_UDP);
    ip.set(src, 12);
    ip.set(dst, 16);
    v.setUint16(10, checksum([ip]));
    // RFC 768: a zero UDP checksum over IPv4 means "not computed", which every reader accepts.
  } else {
    ip = new Uint8Array(40);
    const v = new DataView(ip.buffer);
    v.setUint32(0, 0x60000000);
    v.setUint16(4, udpLength);
    v.setUint8(6, IPPROTO_UDP);
    v.setUint8(7, 64);
    ip.set(src, 8);
    ip.set(dst, 24);
    // RFC 8200 §8.1: over IPv6 the UDP checksum is mandatory (pseudo-header: addresses, length, next header).
    const pseudo = new Uint8Array(8);
    new DataView(pseudo.buffer).setUint32(0, udpLength);
    pseudo[7] = IPPROTO_UDP;
    new DataView(udpHeader.buffer).setUint16(6, udpChecksum([src, dst, pseudo, udpHeader, m.payload]));
  }
  const ethernet = new Uint8Array(14);
  // Locally administered MAC addresses (IEEE 802 U/L bit): the capture was rebuilt, not sniffed.
  ethernet.set([0x02, 0, 0, 0, 0, 0x02], 0);
  ethernet.set([0x02, 0, 0, 0, 0, 0x01], 6);
  new DataView(ethernet.buffer).setUint16(12, v4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6);
  const out = new Uint8Array(14 + ip.length + 8 + m.payload.length);
  out.set(ethernet, 0);
  out.set(ip, 14);
  out.set(udpHeader, 14 + ip.length);
  out.set(m.payload, 14 + ip.length + 8);
  return out;
}

/**
 * A libpcap capture of SIP messages (each as one UDP datagram over Ethernet), for Wireshark, sngrep
 * or sipflow import: how a call is shared as a file. Messages are written in the order given.
 */
export function writePcap(messages: readonly PcapMessage[]): Uint8Array {
  const frames = messages.map(frame);
  const out = new Uint8Array(24 + frames.reduce((n, f) => n + 16 + f.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, PCAP_MAGIC, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, SNAPLEN, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let at = 24;
  messages.forEach((m, i) => {
    const f = frames[i]!;
    view.setUint32(at, Math.floor(m.timeUs / 1_000_000), true);
    view.setUint32(at + 4, Math.round(m.timeUs % 1_000_000), true);
    view.setUint32(at + 8, f.length, true);
    view.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  });
  return out;
}
