import { reject, type Rejection } from '../core/captured-sip';

export type SyslogFraming = 'octet-counting' | 'non-transparent';

export interface FramedSyslog {
  ok: true;
  /** One syslog message (no length prefix, no trailer). */
  bytes: Uint8Array;
  framing: SyslogFraming;
  /** Stream offset of the frame's first byte. */
  streamOffset: number;
}

export interface SyslogTcpFramerOptions {
  /** Largest message accepted; longer ones are rejected and skipped without being buffered. */
  maxMessageBytes?: number;
}

const LF = 0x0a;
const MAX_LENGTH_DIGITS = 9;

/**
 * Syslog over a TCP (or TLS) connection, RFC 6587 §3.4: each frame is either octet-counted
 * (§3.4.1, "MSG-LEN SP SYSLOG-MSG") or non-transparent (§3.4.2, the message then an LF trailer; a CR
 * before it is dropped too). The framing is recognised per frame from its first byte — a digit
 * starts a length, "<" starts a message — so a connection may even switch. `framing` reports what
 * the first frame used.
 *
 * Memory is bounded by maxMessageBytes: an oversized octet-counted frame is skipped as it streams
 * past, an over-long line is cut and the rest discarded up to the next LF; anything else that
 * cannot start a frame is rejected up to the next LF (resynchronisation).
 */
export class SyslogTcpFramer {
  private buf = new Uint8Array(0);
  private consumed = 0;
  private skipBytes = 0; // rest of an oversized octet-counted frame
  private skipLine = false; // rest of an over-long line
  private firstFraming: SyslogFraming | undefined;
  private readonly max: number;

  constructor(options: SyslogTcpFramerOptions = {}) {
    this.max = options.maxMessageBytes ?? 256 * 1024;
  }

  get framing(): SyslogFraming | undefined {
    return this.firstFraming;
  }

  get buffered(): number {
    return this.buf.length;
  }

  push(chunk: Uint8Array): (FramedSyslog | Rejection)[] {
    const out: (FramedSyslog | Rejection)[] = [];
    let data = chunk;
    if (this.skipBytes > 0) {
      const n = Math.min(this.skipBytes, data.length);
      this.skipBytes -= n;
      this.consumed += n;
      data = data.subarray(n);
    }
    if (this.skipLine) {
      const lf = data.indexOf(LF);
      const n = lf === -1 ? data.length : lf + 1;
      this.consumed += n;
      data = data.subarray(n);
      if (lf !== -1) this.skipLine = false;
    }
    if (data.length === 0) return out;
    const joined = new Uint8Array(this.buf.length + data.length);
    joined.set(this.buf);
    joined.set(data, this.buf.length);
    let at = 0;
    for (;;) {
      while (at < joined.length && (joined[at] === LF || joined[at] === 0x0d || joined[at] === 0)) at++;
      if (at >= joined.length) break;
      const step = this.frameAt(joined, at, out);
      if (step === -1) break; // incomplete
      at = step;
      // An oversized frame or line consumed all that is here; its rest is skipped in later pushes.
      if (this.skipBytes > 0 || this.skipLine) break;
    }
    this.consumed += at;
    this.buf = joined.slice(at);
    return out;
  }

  /** The connection closed: a final line without its LF is still a message (lenient). */
  end(): (FramedSyslog | Rejection)[] {
    const rest = this.buf;
    this.buf = new Uint8Array(0);
    if (rest.length === 0) return [];
    if (rest[0]! >= 0x30 && rest[0]! <= 0x39) {
      return [reject('connection closed inside an octet-counted frame', this.consumed, rest)];
    }
    return [this.frame(rest, 'non-transparent', this.consumed)];
  }

  /** Emits the frame at `at` into `out`; returns the index after it, or -1 when incomplete. */
  private frameAt(b: Uint8Array, at: number, out: (FramedSyslog | Rejection)[]): number {
    const first = b[at]!;
    if (first >= 0x31 && first <= 0x39) {
      let i = at;
      let length = 0;
      while (i < b.length && i - at < MAX_LENGTH_DIGITS && b[i]! >= 0x30 && b[i]! <= 0x39) {
        length = length * 10 + b[i++]! - 0x30;
      }
      if (i === b.length) return -1;
      if (b[i] === 0x20) {
        const start = i + 1;
        if (length > this.max) {
          out.push(
            reject(
              `octet-counted frame of ${length} bytes exceeds ${this.max}`,
              this.consumed + at,
              b.slice(at, start),
            ),
          );
          const available = b.length - start;
          if (available >= length) return start + length;
          this.skipBytes = length - available;
          return b.length;
        }
        if (b.length - start < length) return -1;
        out.push(this.frame(b.subarray(start, start + length), 'octet-counting', this.consumed + at));
        return start + length;
      }
      // digits not followed by SP: not a length; fall through to a line (a PRI-less file line).
    }
    const lf = b.indexOf(LF, at);
    if (lf === -1) {
      if (b.length - at <= this.max) return -1;
      out.push(reject(`line longer than ${this.max} bytes without LF`, this.consumed + at, b.slice(at, at + this.max)));
      this.skipLine = true;
      return b.length;
    }
    const end = b[lf - 1] === 0x0d ? lf - 1 : lf;
    if (first !== 0x3c) {
      out.push(reject('frame starts with neither a length nor "<"', this.consumed + at, b.slice(at, lf + 1)));
    } else {
      out.push(this.frame(b.subarray(at, end), 'non-transparent', this.consumed + at));
    }
    return lf + 1;
  }

  private frame(bytes: Uint8Array, framing: SyslogFraming, streamOffset: number): FramedSyslog {
    this.firstFraming ??= framing;
    return { ok: true, bytes: bytes.slice(), framing, streamOffset };
  }
}
