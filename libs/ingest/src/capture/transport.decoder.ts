/** UDP, TCP and SCTP headers: just what locating payloads and streams needs. */

export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

/** RFC 768: 8-byte header; the payload ends at the UDP length when that is sane. */
export function decodeUdp(b: Uint8Array): UdpDatagram | null {
  if (b.length < 8) return null;
  const length = (b[4]! << 8) | b[5]!;
  const end = length >= 8 && length <= b.length ? length : b.length;
  return { srcPort: (b[0]! << 8) | b[1]!, dstPort: (b[2]! << 8) | b[3]!, payload: b.subarray(8, end) };
}

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  seq: number;
  syn: boolean;
  fin: boolean;
  rst: boolean;
  payload: Uint8Array;
}

/** RFC 9293 §3.1: data offset in 32-bit words; flags in byte 13. */
export function decodeTcp(b: Uint8Array): TcpSegment | null {
  if (b.length < 20) return null;
  const offset = (b[12]! >> 4) * 4;
  if (offset < 20 || offset > b.length) return null;
  const flags = b[13]!;
  return {
    srcPort: (b[0]! << 8) | b[1]!,
    dstPort: (b[2]! << 8) | b[3]!,
    seq: ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0,
    fin: (flags & 0x01) !== 0,
    syn: (flags & 0x02) !== 0,
    rst: (flags & 0x04) !== 0,
    payload: b.subarray(offset),
  };
}

export interface SctpDataChunk {
  tsn: number;
  streamId: number;
  /** B bit: first fragment of a user message. */
  begin: boolean;
  /** E bit: last fragment of a user message. */
  end: boolean;
  data: Uint8Array;
}

export interface SctpData {
  srcPort: number;
  dstPort: number;
  chunks: SctpDataChunk[];
}

/** RFC 9260 §3: 12-byte common header, then chunks padded to 4 bytes; DATA is type 0 (§3.3.1). */
export function decodeSctp(b: Uint8Array): SctpData | null {
  if (b.length < 12) return null;
  const out: SctpData = { srcPort: (b[0]! << 8) | b[1]!, dstPort: (b[2]! << 8) | b[3]!, chunks: [] };
  let at = 12;
  while (at + 4 <= b.length) {
    const type = b[at]!;
    const flags = b[at + 1]!;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (length < 4 || at + length > b.length) break;
    if (type === 0 && length >= 16) {
      out.chunks.push({
        tsn: ((b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!) >>> 0,
        streamId: (b[at + 8]! << 8) | b[at + 9]!,
        begin: (flags & 0x02) !== 0,
        end: (flags & 0x01) !== 0,
        data: b.subarray(at + 16, at + length),
      });
    }
    at += (length + 3) & ~3;
  }
  return out;
}
