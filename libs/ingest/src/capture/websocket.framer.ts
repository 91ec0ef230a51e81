import { reject, type Rejection } from '../core/captured-sip';

export interface WebSocketMessage {
  ok: true;
  /** Text or binary message payload, unmasked and defragmented. */
  payload: Uint8Array;
  /** RFC 7692 permessage-deflate: the payload is compressed (RSV1 set on the first frame). */
  compressed: boolean;
}

/**
 * RFC 6455 §5.2 base framing: FIN/RSV/opcode, MASK and a 7-, 16- or 64-bit payload length, the
 * masking key (§5.3, XOR), then the payload. Messages may be fragmented (§5.4: opcode 0
 * continuations, control frames interleaved); control frames (close, ping, pong) are dropped.
 * Memory is bounded by maxMessageBytes: a longer message is rejected and the stream abandoned.
 */
export class WebSocketFramer {
  private buf = new Uint8Array(0);
  private parts: Uint8Array[] = [];
  private partsBytes = 0;
  private compressed = false;
  private failed = false;

  constructor(private readonly maxMessageBytes = 1024 * 1024) {}

  push(chunk: Uint8Array): (WebSocketMessage | Rejection)[] {
    if (this.failed) return [];
    const b = new Uint8Array(this.buf.length + chunk.length);
    b.set(this.buf);
    b.set(chunk, this.buf.length);
    const out: (WebSocketMessage | Rejection)[] = [];
    let at = 0;
    for (;;) {
      if (b.length - at < 2) break;
      const fin = (b[at]! & 0x80) !== 0;
      const rsv1 = (b[at]! & 0x40) !== 0;
      const opcode = b[at]! & 0x0f;
      const masked = (b[at + 1]! & 0x80) !== 0;
      let length = b[at + 1]! & 0x7f;
      let head = 2;
      if (length === 126) {
        if (b.length - at < 4) break;
        length = (b[at + 2]! << 8) | b[at + 3]!;
        head = 4;
      } else if (length === 127) {
        if (b.length - at < 10) break;
        length = (b[at + 6]! * 2 ** 24 + ((b[at + 7]! << 16) | (b[at + 8]! << 8) | b[at + 9]!)) >>> 0;
        if (b[at + 2] || b[at + 3] || b[at + 4] || b[at + 5]) length = Number.MAX_SAFE_INTEGER;
        head = 10;
      }
      if (length + this.partsBytes > this.maxMessageBytes) {
        out.push(reject(`WebSocket message longer than ${this.maxMessageBytes} bytes`, at, b.slice(at, at + head)));
        this.failed = true;
        this.buf = new Uint8Array(0);
        return out;
      }
      const keyAt = at + head;
      const dataAt = keyAt + (masked ? 4 : 0);
      if (b.length < dataAt + length) break;
      const payload = b.slice(dataAt, dataAt + length);
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ b[keyAt + (i & 3)]!;
      at = dataAt + length;
      if (opcode >= 8) continue; // control frame
      if (opcode !== 0) {
        this.parts = [];
        this.partsBytes = 0;
        this.compressed = rsv1;
      }
      this.parts.push(payload);
      this.partsBytes += payload.length;
      if (fin) {
        const message = new Uint8Array(this.partsBytes);
        let o = 0;
        for (const p of this.parts) {
          message.set(p, o);
          o += p.length;
        }
        out.push({ ok: true, payload: message, compressed: this.compressed });
        this.parts = [];
        this.partsBytes = 0;
      }
    }
    this.buf = b.slice(at);
    return out;
  }
}
