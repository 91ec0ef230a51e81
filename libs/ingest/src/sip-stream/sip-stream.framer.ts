import { reject, type Rejection } from '../core/captured-sip';
import { MAX_START_LINE_BYTES, matchSipStartLine } from './sip-start-line';
import { contentLength, readHeaderBlock } from './sip-header-lookup';

/** One SIP message cut from a byte stream, with where it lay in the stream. */
export interface FramedSip {
  ok: true;
  bytes: Uint8Array;
  /** Stream offset of the first byte (bytes pushed before it). */
  streamOffset: number;
}

export type FramerOutput = FramedSip | Rejection;

export interface SipStreamFramerOptions {
  /** Largest header block accepted (start line to the empty line). Default 64 KiB. */
  maxHeaderBytes?: number;
  /** Largest Content-Length accepted. Default 1 MiB. */
  maxBodyBytes?: number;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Frames SIP messages on a reliable byte stream (TCP, TLS, SCTP stream, syslog relays): RFC 3261
 * §18.3 — the header block ends at the first empty line and Content-Length (compact `l:`) says how
 * many body bytes follow; without Content-Length on a stream the body is empty.
 *
 * One instance per stream direction. Memory is bounded by maxHeaderBytes + maxBodyBytes: bytes
 * that cannot start a message are rejected and the framer resynchronises on the next line that is
 * a SIP start line; CRLF keep-alives between messages (RFC 5626 §3.5.1) are skipped silently.
 */
export class SipStreamFramer {
  private buf = new Uint8Array(4096);
  private head = 0; // first unconsumed byte in buf
  private tail = 0; // one past the last byte in buf
  private consumed = 0; // stream offset of buf[head]
  private readonly maxHeader: number;
  private readonly maxBody: number;

  constructor(options: SipStreamFramerOptions = {}) {
    this.maxHeader = options.maxHeaderBytes ?? 64 * 1024;
    this.maxBody = options.maxBodyBytes ?? 1024 * 1024;
  }

  /** Bytes held while waiting for the rest of a message. */
  get buffered(): number {
    return this.tail - this.head;
  }

  push(chunk: Uint8Array): FramerOutput[] {
    this.append(chunk);
    return this.drain();
  }

  /** The stream ended: anything left that is not whitespace is an incomplete message. */
  end(): FramerOutput[] {
    const out = this.drain();
    this.skipLineEnds();
    if (this.tail > this.head) out.push(this.discard(this.tail, 'stream ended inside a SIP message'));
    return out;
  }

  private drain(): FramerOutput[] {
    const out: FramerOutput[] = [];
    const b = this.buf;
    for (;;) {
      this.skipLineEnds();
      const at = this.head;
      if (at === this.tail) break;
      const start = matchSipStartLine(b, at, this.tail);
      if (!start) {
        const lf = b.indexOf(LF, at);
        const lineComplete = lf !== -1 && lf < this.tail;
        if (!lineComplete && this.tail - at <= MAX_START_LINE_BYTES) break; // wait for the line
        out.push(this.discard(this.resyncPoint(at), 'bytes that do not start a SIP message'));
        continue;
      }
      const block = readHeaderBlock(b, at, this.tail);
      if (!block) {
        if (this.tail - at <= this.maxHeader) break;
        out.push(this.discard(this.resyncPoint(at), `no end of headers within ${this.maxHeader} bytes`));
        continue;
      }
      if (block.bodyStart - at > this.maxHeader) {
        out.push(this.discard(this.resyncPoint(at), `header block longer than ${this.maxHeader} bytes`));
        continue;
      }
      const length = contentLength(block.lines) ?? 0; // RFC 3261 §18.3: absent on a stream means 0
      if (Number.isNaN(length)) {
        out.push(this.discard(block.bodyStart, 'Content-Length is not a number: cannot frame the body'));
        continue;
      }
      if (length > this.maxBody) {
        out.push(this.discard(block.bodyStart, `Content-Length ${length} exceeds ${this.maxBody}`));
        continue;
      }
      const end = block.bodyStart + length;
      if (end > this.tail) break; // wait for the body
      out.push({ ok: true, bytes: b.slice(at, end), streamOffset: this.consumed });
      this.advance(end);
    }
    return out;
  }

  /** Start of the next complete line that is a SIP start line, else of the last incomplete line. */
  private resyncPoint(from: number): number {
    const b = this.buf;
    let lineStart = from;
    for (;;) {
      const lf = b.indexOf(LF, lineStart);
      if (lf === -1 || lf >= this.tail) {
        // The incomplete last line may yet become a start line, unless it is already too long.
        return lineStart > from && this.tail - lineStart <= MAX_START_LINE_BYTES ? lineStart : this.tail;
      }
      lineStart = lf + 1;
      if (matchSipStartLine(b, lineStart, this.tail)) return lineStart;
    }
  }

  private discard(to: number, reason: string): Rejection {
    const r = reject(reason, this.consumed, this.buf.slice(this.head, to));
    this.advance(to);
    return r;
  }

  private advance(to: number): void {
    this.consumed += to - this.head;
    this.head = to;
    if (this.head === this.tail) this.head = this.tail = 0;
  }

  private skipLineEnds(): void {
    let i = this.head;
    while (i < this.tail && (this.buf[i] === CR || this.buf[i] === LF)) i++;
    if (i !== this.head) this.advance(i);
  }

  private append(chunk: Uint8Array): void {
    const used = this.tail - this.head;
    if (this.tail + chunk.length > this.buf.length) {
      let size = this.buf.length;
      while (size < used + chunk.length) size *= 2;
      if (size === this.buf.length) this.buf.copyWithin(0, this.head, this.tail);
      else {
        const next = new Uint8Array(size);
        next.set(this.buf.subarray(this.head, this.tail), 0);
        this.buf = next;
      }
      this.head = 0;
      this.tail = used;
    }
    this.buf.set(chunk, this.tail);
    this.tail += chunk.length;
  }
}
