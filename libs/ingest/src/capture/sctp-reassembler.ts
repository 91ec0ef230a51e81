import { concatBytes } from '../core/byte-text';
import type { SctpDataChunk } from './transport.decoder';

interface Partial {
  nextTsn: number;
  parts: Uint8Array[];
  bytes: number;
}

/**
 * RFC 9260 §6.9: a user message too large for one DATA chunk is sent as fragments with
 * consecutive TSNs, the first with B set, the last with E set. Fragments are joined per
 * association and stream; anything out of sequence drops the partial message. Bounded by
 * maxMessageBytes per message and maxPartials at once.
 */
export class SctpReassembler {
  private readonly partials = new Map<string, Partial>();
  /** Fragments dropped (out of sequence, too large, evicted). */
  dropped = 0;

  constructor(
    private readonly maxMessageBytes = 1024 * 1024,
    private readonly maxPartials = 1024,
  ) {}

  /** One DATA chunk of `association` in; a whole user message out when complete. */
  push(association: string, chunk: SctpDataChunk): Uint8Array | null {
    if (chunk.begin && chunk.end) return chunk.data;
    const key = `${association}|${chunk.streamId}`;
    if (chunk.begin) {
      if (this.partials.delete(key)) this.dropped++;
      this.partials.set(key, { nextTsn: (chunk.tsn + 1) >>> 0, parts: [chunk.data], bytes: chunk.data.length });
      if (this.partials.size > this.maxPartials) {
        this.partials.delete(this.partials.keys().next().value!);
        this.dropped++;
      }
      return null;
    }
    const p = this.partials.get(key);
    if (!p || p.nextTsn !== chunk.tsn || p.bytes + chunk.data.length > this.maxMessageBytes) {
      if (p) this.partials.delete(key);
      this.dropped++;
      return null;
    }
    p.parts.push(chunk.data);
    p.bytes += chunk.data.length;
    p.nextTsn = (p.nextTsn + 1) >>> 0;
    if (!chunk.end) return null;
    this.partials.delete(key);
    return concatBytes(p.parts);
  }
}
