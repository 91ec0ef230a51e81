/** One HEP (Homer Encapsulation Protocol) packet, any version, decoded. */
export interface HepPacket {
  version: 1 | 2 | 3;
  /** 2 = IPv4, 10 = IPv6 (HEP3 spec chunk 0x0001). */
  ipFamily?: number;
  /** IP protocol number: 17 UDP, 6 TCP, 132 SCTP (chunk 0x0002). */
  ipProtocol?: number;
  srcAddress?: string;
  dstAddress?: string;
  srcPort?: number;
  dstPort?: number;
  timeSeconds?: number;
  timeMicros?: number;
  /** Chunk 0x000b: 1 SIP, 5 RTCP (JSON), 100 log, … */
  payloadType?: number;
  captureId?: number;
  keepAliveSeconds?: number;
  authKey?: string;
  /** Chunk 0x000f, or 0x0010 after inflating. */
  payload?: Uint8Array;
  compressed: boolean;
  correlationId?: string;
  vlanId?: number;
  captureAgentName?: string;
  /** Chunks of vendors other than 0 (generic), skipped. */
  vendorChunks: number;
}

export const HEP_PAYLOAD_SIP = 1;
