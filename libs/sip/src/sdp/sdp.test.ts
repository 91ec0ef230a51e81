import { describe, expect, it } from 'vitest';
import { parseSdp } from './sdp';

const OFFER = [
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 atlanta.example.com',
  's=-',
  'c=IN IP4 192.0.2.101',
  't=0 0',
  'a=sendonly',
  'm=audio 49172 RTP/SAVP 0 8 101 18',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32 KDR=1',
  'm=video 0 RTP/AVP 31',
  'c=IN IP6 2001:db8::2/127',
  'a=inactive',
  'm=image 4000 udptl t38',
  '',
].join('\r\n');

describe('parseSdp (RFC 8866)', () => {
  const sdp = parseSdp(OFFER)!;

  it('reads origin, session connection and direction', () => {
    expect(sdp.version).toBe(0);
    expect(sdp.origin).toEqual({
      username: 'alice',
      sessionId: '2890844526',
      sessionVersion: '2890844526',
      netType: 'IN',
      addrType: 'IP4',
      address: 'atlanta.example.com',
    });
    expect(sdp.connection).toEqual({ netType: 'IN', addrType: 'IP4', address: '192.0.2.101' });
    expect(sdp.direction).toBe('sendonly');
  });

  it('reads media lines with static and dynamic codecs, fmtp and a=crypto', () => {
    const [audio, video, image] = sdp.media;
    expect(audio).toMatchObject({
      type: 'audio',
      port: 49172,
      protocol: 'RTP/SAVP',
      formats: ['0', '8', '101', '18'],
      direction: 'sendonly',
    });
    expect(audio!.codecs.map((c) => [c.payloadType, c.name, c.clockRate])).toEqual([
      [0, 'PCMU', 8000],
      [8, 'PCMA', 8000],
      [101, 'telephone-event', 8000],
      [18, 'G729', 8000],
    ]);
    expect(audio!.codecs[2]!.fmtp).toBe('0-16');
    expect(audio!.crypto).toEqual([
      {
        tag: 1,
        suite: 'AES_CM_128_HMAC_SHA1_80',
        keyParams: 'inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32',
        sessionParams: 'KDR=1',
      },
    ]);
    expect(video).toMatchObject({
      port: 0,
      direction: 'inactive',
      connection: { addrType: 'IP6', address: '2001:db8::2' },
    });
    expect(video!.codecs[0]).toMatchObject({ payloadType: 31, name: 'H261', clockRate: 90000 });
    expect(image).toMatchObject({
      type: 'image',
      protocol: 'udptl',
      formats: ['t38'],
      codecs: [],
      direction: 'sendonly',
    });
  });

  it('accepts LF line ends, skips malformed lines and never throws', () => {
    expect(parseSdp('v=0\nm=audio 1 RTP/AVP 0\n')!.media[0]!.direction).toBe('sendrecv');
    expect(parseSdp('v=0\nm=audio x RTP/AVP 0\no=short\nc=IN\na=rtpmap:zz\n')!.media).toEqual([]);
    expect(parseSdp('not sdp at all')).toBeUndefined();
    expect(parseSdp('')).toBeUndefined();
  });
});
