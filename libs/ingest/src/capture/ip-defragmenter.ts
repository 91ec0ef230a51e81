import type { IpPacket } from './ip.decoder';

export interface DefragmenterOptions {
  /** Fragments of one datagram older than this (µs of capture time) are dropped. Default 30 s. */
  timeoutUs?: number;
  /** Datagrams being reassembled at once; the oldest is dropped beyond this. Default 1024. */
  maxDatagrams?: number;
}

interface Pending {
  firstSeenUs: number;
  parts: { offset: number; bytes: Uint8Array }[];
  /** Known once the last fragment (M = 0) arrived. */
  totalLength?: number;
  protocol: number;
}

/** Largest reassembled datagram: the 16-bit IP length limit (RFC 791 §3.1, RFC 8200 §4.5). */
const MAX_DATAGRAM = 65_535;

/**
 * IPv4 (RFC 791 §3.2, RFC 815) and IPv6 (RFC 8200 §4.5) fragment reassembly, keyed by source,
 * destination, identification (and protocol for IPv4). Fragments may arrive in any order and
 * overlap (the lower-offset part wins); memory is bounded by maxDatagrams × 64 KiB and the
 * time-out, which runs on capture time passed in, not on a clock.
 */
export class IpDefragmenter {
  private readonly pending = new Map<string, Pending>();
  private readonly timeoutUs: number;
  private readonly maxDatagrams: number;
  /** Datagrams given up on (time-out, overflow, too long). */
  dropped = 0;

  constructor(options: DefragmenterOptions = {}) {
    this.timeoutUs = options.timeoutUs ?? 30_000_000;
    this.maxDatagrams = options.maxDatagrams ?? 1024;
  }

  /** A fragment in; the whole datagram out once every part is there. */
  push(packet: IpPacket, timeUs: number): IpPacket | null {
    const f = packet.fragment;
    if (!f) return packet;
    this.expire(timeUs);
    const key = `${packet.version}|${packet.src}|${packet.dst}|${f.id}|${packet.version === 4 ? packet.protocol : ''}`;
    let p = this.pending.get(key);
    if (!p) {
      p = { firstSeenUs: timeUs, parts: [], protocol: packet.protocol };
      this.pending.set(key, p);
      if (this.pending.size > this.maxDatagrams) this.drop(this.pending.keys().next().value!);
    }
    if (f.offset + packet.payload.length > MAX_DATAGRAM) {
      this.drop(key);
      return null;
    }
    p.parts.push({ offset: f.offset, bytes: packet.payload });
    if (f.offset === 0) p.protocol = packet.protocol; // RFC 8200: the first fragment's next header counts
    if (!f.more) p.totalLength = f.offset + packet.payload.length;
    if (p.totalLength === undefined) return null;

    p.parts.sort((a, b) => a.offset - b.offset);
    let covered = 0;
    for (const part of p.parts) {
      if (part.offset > covered) return null; // a hole remains
      covered = Math.max(covered, part.offset + part.bytes.length);
    }
    if (covered < p.totalLength) return null;
    const out = new Uint8Array(p.totalLength);
    // Written from the highest offset down: where parts overlap, the lower-offset part wins.
    for (const part of [...p.parts].reverse())
      out.set(part.bytes.subarray(0, Math.max(0, p.totalLength - part.offset)), part.offset);
    this.pending.delete(key);
    const { fragment: _f, ...whole } = packet;
    return { ...whole, protocol: p.protocol, payload: out };
  }

  private expire(nowUs: number): void {
    for (const [key, p] of this.pending) {
      if (nowUs - p.firstSeenUs > this.timeoutUs) this.drop(key);
    }
  }

  private drop(key: string): void {
    if (this.pending.delete(key)) this.dropped++;
  }
}
