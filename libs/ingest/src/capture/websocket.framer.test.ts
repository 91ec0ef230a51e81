import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { WebSocketFramer } from './websocket.framer';

const frame = (opcode: number, fin: boolean, payload: Uint8Array, mask?: number[]) => {
  const head = [(fin ? 0x80 : 0) | opcode];
  const len = payload.length;
  if (len < 126) head.push((mask ? 0x80 : 0) | len);
  else head.push((mask ? 0x80 : 0) | 126, len >> 8, len & 0xff);
  const body = mask ? payload.map((b, i) => b ^ mask[i & 3]!) : payload;
  return Uint8Array.from([...head, ...(mask ?? []), ...body]);
};

describe('WebSocketFramer (RFC 6455 §5)', () => {
  it('unmasks client frames and joins fragments around control frames', () => {
    const f = new WebSocketFramer();
    const a = utf8Bytes('REGISTER sip:a SIP/2.0\r\n');
    const b = utf8Bytes('l: 0\r\n\r\n');
    const wire = Uint8Array.from([
      ...frame(1, false, a, [1, 2, 3, 4]),
      ...frame(9, true, utf8Bytes('ping')), // control frame in between (§5.4)
      ...frame(0, true, b, [9, 8, 7, 6]),
    ]);
    const out = [...f.push(wire.subarray(0, 7)), ...f.push(wire.subarray(7))];
    expect(out.map((m) => (m.ok ? latin1(m.payload) : m.reason))).toEqual([latin1(a) + latin1(b)]);
  });

  it('reads 16-bit lengths and refuses oversized messages', () => {
    const big = new Uint8Array(300).fill(0x41);
    expect(new WebSocketFramer().push(frame(2, true, big))[0]).toMatchObject({ ok: true });
    const out = new WebSocketFramer(100).push(frame(2, true, big));
    expect(out[0]).toMatchObject({ ok: false });
  });
});
