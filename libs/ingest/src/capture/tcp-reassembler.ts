/** A run of stream bytes delivered in order, with the packet that brought them. */
export interface StreamChunk {
  bytes: Uint8Array;
  timeUs: number;
  frame: number;
}

export interface TcpStreamOptions {
  /** Out-of-order bytes held while waiting for a gap to fill; beyond this the gap is given up. */
  maxPendingBytes?: number;
}

/** Signed distance a − b in 32-bit sequence space (RFC 9293 §3.4). */
const seqDiff = (a: number, b: number): number => (a - b) | 0;

/**
 * One direction of a TCP connection put back in order (RFC 9293 §3.4, §3.10.7.4): retransmitted
 * and overlapping bytes are trimmed to what was not yet delivered, out-of-order segments wait
 * (bounded) until the gap before them fills. When a gap cannot fill — the capture missed a
 * segment — `gap` marks the skip so the consumer can resynchronise.
 */
export class TcpStream {
  private next: number | undefined;
  private readonly pending: { seq: number; chunk: StreamChunk }[] = [];
  private pendingBytes = 0;
  private readonly maxPending: number;

  constructor(options: TcpStreamOptions = {}) {
    this.maxPending = options.maxPendingBytes ?? 1024 * 1024;
  }

  /**
   * One segment in; in-order chunks out. A `null` in the output marks lost bytes (a gap that was
   * skipped) between the chunks around it.
   */
  push(seq: number, syn: boolean, chunk: StreamChunk): (StreamChunk | null)[] {
    if (syn) {
      // The SYN takes one sequence number; data (TCP Fast Open) follows it.
      this.next = (seq + 1) >>> 0;
      seq = this.next;
    }
    if (chunk.bytes.length === 0) return [];
    this.next ??= seq; // capture started mid-connection: take the first segment seen as the start
    const out: (StreamChunk | null)[] = [];
    this.accept(seq, chunk, out);
    this.drain(out);
    while (this.pendingBytes > this.maxPending) this.skipGap(out);
    return out;
  }

  /** Stream end (FIN, RST or end of capture): deliver what waits behind gaps. */
  end(): (StreamChunk | null)[] {
    const out: (StreamChunk | null)[] = [];
    while (this.pending.length > 0) this.skipGap(out);
    return out;
  }

  private accept(seq: number, chunk: StreamChunk, out: (StreamChunk | null)[]): void {
    const d = seqDiff(seq, this.next!);
    if (d > 0) {
      this.pending.push({ seq, chunk });
      this.pendingBytes += chunk.bytes.length;
      return;
    }
    const fresh = chunk.bytes.length + d; // bytes beyond what was delivered
    if (fresh <= 0) return; // a pure retransmission
    out.push({ ...chunk, bytes: chunk.bytes.subarray(-d) });
    this.next = (this.next! + fresh) >>> 0;
  }

  private drain(out: (StreamChunk | null)[]): void {
    for (let progressed = true; progressed;) {
      progressed = false;
      for (let i = 0; i < this.pending.length; i++) {
        const p = this.pending[i]!;
        if (seqDiff(p.seq, this.next!) > 0) continue;
        this.pending.splice(i, 1);
        this.pendingBytes -= p.chunk.bytes.length;
        this.accept(p.seq, p.chunk, out);
        progressed = true;
        break;
      }
    }
  }

  private skipGap(out: (StreamChunk | null)[]): void {
    if (this.pending.length === 0) return;
    let lowest = this.pending[0]!;
    for (const p of this.pending) if (seqDiff(p.seq, lowest.seq) < 0) lowest = p;
    this.next = lowest.seq;
    out.push(null);
    this.drain(out);
  }
}
