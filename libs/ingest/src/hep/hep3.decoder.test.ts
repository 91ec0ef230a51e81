import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { decodeHep, decodeHepPacket } from './hep.decoder';
import { decodeHep3 } from './hep3.decoder';
import { HepStreamFramer } from './hep-stream.framer';

const chunk = (type: number, body: number[] | Uint8Array, vendor = 0) => {
  const b = [...body];
  const len = 6 + b.length;
  return [vendor >> 8, vendor & 0xff, type >> 8, type & 0xff, len >> 8, len & 0xff, ...b];
};
const u16 = (n: number) => [n >> 8, n & 0xff];
const u32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const hep3 = (...chunks: number[][]) => {
  const body = chunks.flat();
  return Uint8Array.from([0x48, 0x45, 0x50, 0x33, ...u16(6 + body.length), ...body]);
};
const sip = utf8Bytes('OPTIONS sip:a SIP/2.0\r\nCall-ID: x\r\n\r\n');
const v6 = (last: number) => [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), last];

describe('HEP3 decoder (HEP3 spec rev. 37)', () => {
  const full = hep3(
    chunk(1, [10]),
    chunk(2, [6]),
    chunk(5, v6(1)),
    chunk(6, v6(2)),
    chunk(7, u16(5060)),
    chunk(8, u16(5062)),
    chunk(9, u32(1_700_000_000)),
    chunk(10, u32(123_456)),
    chunk(11, [1]),
    chunk(12, u32(7)),
    chunk(13, u16(30)),
    chunk(14, [...utf8Bytes('secret')]),
    chunk(17, [...utf8Bytes('corr-1')]),
    chunk(0x99, [1, 2, 3], 0x0003), // a vendor chunk
    chunk(15, sip),
  );

  it('reads every generic chunk, IPv6 addresses included, and skips vendor chunks', () => {
    const r = decodeHep3(full);
    expect(r.ok && r.value).toMatchObject({
      ipFamily: 10,
      ipProtocol: 6,
      srcAddress: '2001:db8::1',
      dstAddress: '2001:db8::2',
      srcPort: 5060,
      dstPort: 5062,
      timeSeconds: 1_700_000_000,
      timeMicros: 123_456,
      payloadType: 1,
      captureId: 7,
      keepAliveSeconds: 30,
      authKey: 'secret',
      correlationId: 'corr-1',
      vendorChunks: 1,
    });
  });

  it('turns a SIP payload into a CapturedSip', () => {
    const b = decodeHepPacket(full, { authKey: 'secret' });
    expect(b.records[0]).toMatchObject({
      captureTimeUs: 1_700_000_000_123_456,
      transport: 'tcp',
      deviceHint: 'hep:7',
      correlationId: 'corr-1',
      source: { address: '2001:db8::1', port: 5060 },
      destination: { address: '2001:db8::2', port: 5062 },
      formatVariant: 'hep/3',
    });
    expect(latin1(b.records[0]!.raw)).toBe(latin1(sip));
    expect(decodeHepPacket(full, { authKey: 'other' }).rejections[0]?.reason).toMatch(/auth key/);
  });

  it.each([
    ['a total length past the datagram', () => full.subarray(0, full.length - 1), /exceeds/],
    ['trailing bytes', () => Uint8Array.from([...full, 0]), /unaccounted/],
    ['a chunk shorter than its header', () => hep3([0, 0, 0, 1, 0, 3]), /below 6/],
    ['a chunk past the end', () => hep3([0, 0, 0, 1, 0, 9, 2]), /runs past/],
    ['a fixed-size chunk of the wrong size', () => hep3(chunk(3, [1, 2, 3])), /not 4/],
    ['another protocol', () => utf8Bytes('HEP4xx'), /not HEP3/],
  ])('rejects %s', (_name, make, reason) => {
    const r = decodeHep3(make());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('counts keep-alives and non-SIP payload types', () => {
    expect(decodeHepPacket(hep3(chunk(13, u16(30)))).skipped).toEqual({ 'hep/no-payload': 1 });
    expect(decodeHepPacket(hep3(chunk(11, [100]), chunk(15, [0x41]))).skipped).toEqual({ 'hep/not-sip:100': 1 });
  });
});

describe('HEP v2', () => {
  it('reads the captagent v2 header', () => {
    const header = [2, 28, 2, 17, ...u16(5060), ...u16(5080), 192, 0, 2, 1, 192, 0, 2, 2];
    const time = [0x00, 0xf1, 0x53, 0x65, 0x40, 0xe2, 0x01, 0x00, 0x07, 0x00, 0, 0]; // LE
    const r = decodeHep(Uint8Array.from([...header, ...time, ...sip]));
    expect(r.ok && r.value).toMatchObject({
      version: 2,
      srcAddress: '192.0.2.1',
      dstPort: 5080,
      timeSeconds: 0x6553f100,
      timeMicros: 123_456,
      captureId: 7,
    });
    expect(decodeHepPacket(Uint8Array.from([...header, ...time, ...sip])).records[0]?.formatVariant).toBe('hep/2');
  });
});

describe('HepStreamFramer (HEP over TCP)', () => {
  it('cuts packets split across pushes and resynchronises after garbage', () => {
    const f = new HepStreamFramer();
    const wire = Uint8Array.from([...utf8Bytes('junk'), ...hep3(chunk(11, [1])), ...hep3(chunk(11, [2]))]);
    const out = [...f.push(wire.subarray(0, 10)), ...f.push(wire.subarray(10))];
    expect(out.map((o) => o.ok)).toEqual([false, true, true]);
  });
});
