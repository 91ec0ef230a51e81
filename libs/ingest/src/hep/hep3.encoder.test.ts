import { describe, expect, it } from 'vitest';
import { decodeHep3 } from './hep3.decoder';
import { encodeHep3 } from './hep3.encoder';

const sip = Buffer.from('OPTIONS sip:edge@192.0.2.60 SIP/2.0\r\nCall-ID: abc\r\nContent-Length: 0\r\n\r\n');

describe('encodeHep3', () => {
  it('writes what the HEP3 decoder reads back: IPv4 addresses, ports, time, capture id, payload', () => {
    const packet = encodeHep3(sip, {
      src: '198.51.100.10',
      dst: '192.0.2.60',
      srcPort: 5060,
      dstPort: 5062,
      timeUs: 1_795_000_000_123_456,
      captureId: 3001,
    });
    const decoded = decodeHep3(packet);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value).toMatchObject({
      version: 3,
      ipFamily: 2,
      ipProtocol: 17,
      srcAddress: '198.51.100.10',
      dstAddress: '192.0.2.60',
      srcPort: 5060,
      dstPort: 5062,
      timeSeconds: 1_795_000_000,
      timeMicros: 123_456,
      captureId: 3001,
    });
    expect(Buffer.from(decoded.value.payload!).equals(sip)).toBe(true);
  });

  it('writes IPv6 addresses in their own chunks (0x0005/0x0006)', () => {
    const packet = encodeHep3(sip, {
      src: '2001:db8::5',
      dst: '2001:db8:0:1::60',
      srcPort: 5060,
      dstPort: 5060,
      timeUs: 0,
      captureId: 1,
      ipProtocol: 6,
    });
    const decoded = decodeHep3(packet);
    expect(decoded.ok && decoded.value).toMatchObject({ ipFamily: 10, ipProtocol: 6 });
    if (decoded.ok)
      expect([decoded.value.srcAddress, decoded.value.dstAddress]).toEqual(['2001:db8::5', '2001:db8:0:1::60']);
  });
});
