import { concatBytes, latin1 } from '../core/byte-text';
import { countSkip, type Rejection, type SkipTally } from '../core/captured-sip';
import { SipStreamFramer } from '../sip-stream/sip-stream.framer';
import { matchSipStartLine } from '../sip-stream/sip-start-line';
import type { StreamChunk } from './tcp-reassembler';
import { WebSocketFramer } from './websocket.framer';

/** A SIP message found in a stream, with the chunk that completed it. */
export interface StreamSip {
  bytes: Uint8Array;
  timeUs: number;
  frame: number;
  /** 'ws' when it came in a WebSocket message (RFC 7118). */
  overWebSocket: boolean;
}

const DETECT_WINDOW = 16 * 1024;
const HTTP_HEAD_LIMIT = 16 * 1024;

/**
 * One direction of a reliable stream, told apart by content (never by port): SIP (RFC 3261 §18.3
 * framing), SIP over WebSocket (RFC 7118: an HTTP/1.1 Upgrade, then RFC 6455 frames with one SIP
 * message each), or something else, which is counted as skipped, not rejected. A stream joined
 * mid-way, or after lost bytes, is searched for the next line that is a SIP start line.
 */
export class SipStreamConsumer {
  private mode: 'detect' | 'sip' | 'websocket' = 'detect';
  private held = new Uint8Array(0);
  private framer = new SipStreamFramer();
  private ws: WebSocketFramer | undefined;

  constructor(private readonly skipped: SkipTally) {}

  push(chunk: StreamChunk | null, found: StreamSip[], rejections: Rejection[]): void {
    if (chunk === null) return this.gap(rejections);
    if (this.mode === 'detect') {
      const bytes = this.held.length ? concatBytes([this.held, chunk.bytes]) : chunk.bytes;
      this.held = new Uint8Array(0);
      this.detect(bytes, chunk, found, rejections);
    } else this.feed(chunk.bytes, chunk, found, rejections);
  }

  /** The stream ended: a message left incomplete is a rejection. */
  end(rejections: Rejection[]): void {
    if (this.mode === 'sip') for (const r of this.framer.end()) if (!r.ok) rejections.push(r);
  }

  private gap(rejections: Rejection[]): void {
    if (this.mode === 'sip') {
      for (const r of this.framer.end())
        if (!r.ok) rejections.push({ ...r, reason: `capture lost TCP data: ${r.reason}` });
      this.framer = new SipStreamFramer();
      this.mode = 'detect';
    }
    this.held = new Uint8Array(0);
  }

  private detect(bytes: Uint8Array, chunk: StreamChunk, found: StreamSip[], rejections: Rejection[]): void {
    const head = latin1(bytes, 0, Math.min(bytes.length, 16));
    if (/^(GET |HTTP\/1\.1 101)/.test(head)) {
      const end = findHeadEnd(bytes);
      if (end === -1) {
        if (bytes.length <= HTTP_HEAD_LIMIT) this.held = bytes.slice();
        else countSkip(this.skipped, 'tcp/not-sip-bytes', bytes.length);
        return;
      }
      if (/\r?\nupgrade:\s*websocket/i.test(latin1(bytes, 0, end))) {
        this.mode = 'websocket';
        this.ws = new WebSocketFramer();
        return this.feed(bytes.subarray(end), chunk, found, rejections);
      }
    }
    // The first line (or any later line) that is a SIP start line begins the SIP stream.
    let lineStart = 0;
    while (lineStart < bytes.length && (bytes[lineStart] === 0x0d || bytes[lineStart] === 0x0a)) lineStart++;
    for (;;) {
      if (lineStart >= bytes.length) break;
      if (matchSipStartLine(bytes, lineStart)) {
        if (lineStart > 0) countSkip(this.skipped, 'tcp/not-sip-bytes', lineStart);
        this.mode = 'sip';
        return this.feed(bytes.subarray(lineStart), chunk, found, rejections);
      }
      const lf = bytes.indexOf(0x0a, lineStart);
      if (lf === -1) break; // the last line is incomplete: it may yet be a start line
      lineStart = lf + 1;
    }
    if (lineStart > 0) countSkip(this.skipped, 'tcp/not-sip-bytes', lineStart);
    const rest = bytes.subarray(lineStart);
    if (rest.length <= DETECT_WINDOW) this.held = rest.slice();
    else countSkip(this.skipped, 'tcp/not-sip-bytes', rest.length);
  }

  private feed(bytes: Uint8Array, chunk: StreamChunk, found: StreamSip[], rejections: Rejection[]): void {
    if (this.mode === 'sip') {
      for (const r of this.framer.push(bytes)) {
        if (r.ok) found.push({ bytes: r.bytes, timeUs: chunk.timeUs, frame: chunk.frame, overWebSocket: false });
        else rejections.push(r);
      }
      return;
    }
    for (const m of this.ws!.push(bytes)) {
      if (!m.ok) rejections.push(m);
      else if (m.compressed) countSkip(this.skipped, 'websocket/compressed');
      else if (matchSipStartLine(m.payload)) {
        found.push({ bytes: m.payload, timeUs: chunk.timeUs, frame: chunk.frame, overWebSocket: true });
      } else countSkip(this.skipped, 'websocket/not-sip');
    }
  }
}

function findHeadEnd(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length && i < HTTP_HEAD_LIMIT; i++) {
    if (b[i] === 0x0d && b[i + 1] === 0x0a && b[i + 2] === 0x0d && b[i + 3] === 0x0a) return i + 4;
  }
  return -1;
}
