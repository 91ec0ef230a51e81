import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { SipStreamFramer, type FramerOutput } from './sip-stream.framer';

const invite = (body = '') =>
  `INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1\r\nCall-ID: a1\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
const ok200 = 'SIP/2.0 200 OK\r\ni: a1\r\nl: 3\r\n\r\nabc';

const texts = (out: FramerOutput[]) => out.map((o) => (o.ok ? latin1(o.bytes) : `REJECT ${o.reason}`));

describe('SipStreamFramer (RFC 3261 §18.3)', () => {
  it('cuts several messages from one chunk, compact l: included', () => {
    const f = new SipStreamFramer();
    expect(texts(f.push(utf8Bytes(invite('v=0\r\n') + ok200)))).toEqual([invite('v=0\r\n'), ok200]);
    expect(f.buffered).toBe(0);
  });

  it('joins one message pushed a byte at a time and reports its stream offset', () => {
    const f = new SipStreamFramer();
    const bytes = utf8Bytes('\r\n\r\n' + invite('hello'));
    const out: FramerOutput[] = [];
    for (const b of bytes) out.push(...f.push(Uint8Array.of(b)));
    expect(texts(out)).toEqual([invite('hello')]);
    expect(out[0]?.ok && out[0].streamOffset).toBe(4);
  });

  it('takes a missing Content-Length as an empty body', () => {
    const f = new SipStreamFramer();
    const msg = 'OPTIONS sip:x SIP/2.0\r\nCall-ID: z\r\n\r\n';
    expect(texts(f.push(utf8Bytes(msg + msg)))).toEqual([msg, msg]);
  });

  it('rejects garbage and resynchronises on the next start line', () => {
    const f = new SipStreamFramer();
    const out = f.push(utf8Bytes('GET / HTTP/1.1\r\nHost: x\r\n\r\n' + ok200));
    expect(texts(out)).toEqual(['REJECT bytes that do not start a SIP message', ok200]);
    expect(out[0]?.ok === false && latin1(out[0].raw)).toBe('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  });

  it('keeps memory bounded on a stream with no line ends (slow loris)', () => {
    const f = new SipStreamFramer({ maxHeaderBytes: 1024 });
    const out: FramerOutput[] = [];
    for (let i = 0; i < 100; i++) out.push(...f.push(new Uint8Array(1000).fill(0x61)));
    expect(f.buffered).toBeLessThan(10_000);
    expect(out.every((o) => !o.ok)).toBe(true);
  });

  it('gives up on a header block that never ends, then resynchronises', () => {
    const f = new SipStreamFramer({ maxHeaderBytes: 200 });
    const out = f.push(utf8Bytes('INVITE sip:a SIP/2.0\r\n' + 'X: y\r\n'.repeat(100) + ok200));
    expect(texts(out).at(-1)).toBe(ok200);
    expect(out[0]?.ok).toBe(false);
  });

  it('rejects a Content-Length that is not a number or too large', () => {
    const f = new SipStreamFramer({ maxBodyBytes: 10 });
    const out = f.push(
      utf8Bytes('MESSAGE sip:a SIP/2.0\r\nl: bad\r\n\r\nMESSAGE sip:a SIP/2.0\r\nl: 99\r\n\r\n' + ok200),
    );
    expect(texts(out)).toEqual([
      'REJECT Content-Length is not a number: cannot frame the body',
      'REJECT Content-Length 99 exceeds 10',
      ok200,
    ]);
  });

  it('reports an incomplete message when the stream ends', () => {
    const f = new SipStreamFramer();
    expect(f.push(utf8Bytes(invite('abcdef').slice(0, -2)))).toEqual([]);
    expect(texts(f.end())).toEqual(['REJECT stream ended inside a SIP message']);
  });
});
