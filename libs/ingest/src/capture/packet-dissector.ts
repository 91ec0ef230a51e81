import type { Endpoint } from '@sipflow/sip';
import { countSkip, type SkipTally } from '../core/captured-sip';
import type { CapturedPacket } from './captured-packet';
import { IpDefragmenter, type DefragmenterOptions } from './ip-defragmenter';
import { decodeIpv4, decodeIpv6 } from './ip.decoder';
import { decodeLinkLayer, ethernet, type LinkResult, type NetworkPayload } from './link-layer.decoder';
import { decodeSctp, decodeTcp, decodeUdp, type SctpData, type TcpSegment } from './transport.decoder';
import { decodeGre, decodeGtpU } from './tunnel.decoder';

/** A transport-layer payload located in a packet, after tunnels and IP reassembly. */
export interface TransportPayload {
  frame: number;
  timeUs: number;
  /** Every layer crossed, outermost first: ['ethernet', 'ipv4', 'gre', 'erspan2', 'ethernet', 'ipv4', 'udp']. */
  layers: string[];
  src: Endpoint;
  dst: Endpoint;
  protocol: 'udp' | 'tcp' | 'sctp';
  /** UDP payload, TCP segment data; for SCTP see `sctp`. */
  payload: Uint8Array;
  tcp?: TcpSegment;
  sctp?: SctpData;
}

const IPPROTO_IPIP = 4;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_IPV6 = 41;
const IPPROTO_GRE = 47;
const IPPROTO_SCTP = 132;
const GTPU_PORT = 2152; // 3GPP TS 29.281 §4.4.2
const VXLAN_PORT = 4789; // RFC 7348 §5
const MAX_DEPTH = 8;

/**
 * Packet → transport payloads: link layer, IPv4/IPv6 (with fragment reassembly), tunnels
 * (IP-in-IP 4in4/6in4/4in6/6in6, GRE with ERSPAN II/III, GTP-U, VXLAN), then UDP, TCP or SCTP.
 * Stateful only for IP reassembly: one instance per capture.
 */
export class PacketDissector {
  private readonly defrag4: IpDefragmenter;
  private readonly defrag6: IpDefragmenter;

  constructor(
    private readonly skipped: SkipTally,
    options: DefragmenterOptions = {},
  ) {
    this.defrag4 = new IpDefragmenter(options);
    this.defrag6 = new IpDefragmenter(options);
  }

  dissect(packet: CapturedPacket): TransportPayload[] {
    const out: TransportPayload[] = [];
    this.network(decodeLinkLayer(packet.linkType, packet.data), packet, [], out, 0);
    return out;
  }

  private network(
    link: LinkResult,
    packet: CapturedPacket,
    outer: string[],
    out: TransportPayload[],
    depth: number,
  ): void {
    if ('skip' in link) return countSkip(this.skipped, link.skip);
    if (depth > MAX_DEPTH) return countSkip(this.skipped, 'tunnel/too-deep');
    this.ip(link, packet, [...outer, ...link.layers], out, depth);
  }

  private ip(
    net: NetworkPayload,
    packet: CapturedPacket,
    layers: string[],
    out: TransportPayload[],
    depth: number,
  ): void {
    const decoded = net.kind === 'ipv4' ? decodeIpv4(net.bytes) : decodeIpv6(net.bytes);
    if ('skip' in decoded) return countSkip(this.skipped, decoded.skip);
    const ip = (net.kind === 'ipv4' ? this.defrag4 : this.defrag6).push(decoded, packet.timeUs);
    if (!ip) return countSkip(this.skipped, `${net.kind}/fragment-held`);
    const here = [...layers, decoded.fragment ? `${net.kind}-reassembled` : net.kind];
    const inner = (link: LinkResult) => this.network(link, packet, here, out, depth + 1);
    switch (ip.protocol) {
      case IPPROTO_IPIP:
        return inner({ kind: 'ipv4', bytes: ip.payload, layers: [] });
      case IPPROTO_IPV6:
        return inner({ kind: 'ipv6', bytes: ip.payload, layers: [] });
      case IPPROTO_GRE:
        return inner(decodeGre(ip.payload));
      case IPPROTO_UDP: {
        const udp = decodeUdp(ip.payload);
        if (!udp) return countSkip(this.skipped, 'udp/short');
        if (udp.srcPort === GTPU_PORT || udp.dstPort === GTPU_PORT) {
          const gtp = decodeGtpU(udp.payload);
          if (gtp) return this.network(gtp, packet, [...here, 'udp'], out, depth + 1);
        }
        if (
          (udp.dstPort === VXLAN_PORT || udp.srcPort === VXLAN_PORT) &&
          udp.payload.length > 8 &&
          udp.payload[0] === 0x08
        ) {
          return this.network(ethernet(udp.payload.subarray(8), ['vxlan']), packet, [...here, 'udp'], out, depth + 1);
        }
        out.push(this.payload(packet, here, 'udp', ip.src, udp.srcPort, ip.dst, udp.dstPort, udp.payload));
        return;
      }
      case IPPROTO_TCP: {
        const tcp = decodeTcp(ip.payload);
        if (!tcp) return countSkip(this.skipped, 'tcp/short');
        const p = this.payload(packet, here, 'tcp', ip.src, tcp.srcPort, ip.dst, tcp.dstPort, tcp.payload);
        p.tcp = tcp;
        out.push(p);
        return;
      }
      case IPPROTO_SCTP: {
        const sctp = decodeSctp(ip.payload);
        if (!sctp) return countSkip(this.skipped, 'sctp/short');
        const p = this.payload(packet, here, 'sctp', ip.src, sctp.srcPort, ip.dst, sctp.dstPort, ip.payload);
        p.sctp = sctp;
        out.push(p);
        return;
      }
      default:
        return countSkip(this.skipped, `ip/protocol-${ip.protocol}`);
    }
  }

  private payload(
    packet: CapturedPacket,
    layers: string[],
    protocol: TransportPayload['protocol'],
    src: string,
    srcPort: number,
    dst: string,
    dstPort: number,
    payload: Uint8Array,
  ): TransportPayload {
    return {
      frame: packet.frame,
      timeUs: packet.timeUs,
      layers: [...layers, protocol],
      src: { address: src, port: srcPort },
      dst: { address: dst, port: dstPort },
      protocol,
      payload,
    };
  }
}
