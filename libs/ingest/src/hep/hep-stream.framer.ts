import { latin1 } from '../core/byte-text';
import { reject, type Rejection } from '../core/captured-sip';

/**
 * HEP3 over TCP: packets back to back, each "HEP3" + a 16-bit total length. Bytes that do not
 * start a packet are rejected up to the next "HEP3" (resynchronisation); memory stays below one
 * packet (64 KiB) plus one chunk.
 */
export class HepStreamFramer {
  private buf = new Uint8Array(0);

  push(chunk: Uint8Array): ({ ok: true; packet: Uint8Array } | Rejection)[] {
    const b = new Uint8Array(this.buf.length + chunk.length);
    b.set(this.buf);
    b.set(chunk, this.buf.length);
    const out: ({ ok: true; packet: Uint8Array } | Rejection)[] = [];
    let at = 0;
    while (b.length - at >= 6) {
      if (latin1(b, at, at + 4) !== 'HEP3') {
        let next = at + 1;
        while (next + 4 <= b.length && latin1(b, next, next + 4) !== 'HEP3') next++;
        if (next + 4 > b.length) next = Math.max(at + 1, b.length - 3);
        out.push(reject('bytes that do not start a HEP3 packet', at, b.slice(at, next)));
        at = next;
        continue;
      }
      const length = (b[at + 4]! << 8) | b[at + 5]!;
      if (length < 6) {
        out.push(reject(`HEP3 length ${length} is below 6`, at, b.slice(at, at + 6)));
        at += 4;
        continue;
      }
      if (b.length - at < length) break;
      out.push({ ok: true, packet: b.slice(at, at + length) });
      at += length;
    }
    this.buf = b.slice(at);
    return out;
  }
}
