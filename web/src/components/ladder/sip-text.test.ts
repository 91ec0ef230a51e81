import { describe, expect, it } from 'vitest';
import { sipLines } from './sip-text';

const invite = [
  'INVITE sip:201@cs-c.example SIP/2.0',
  'v: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK1',
  'f: <sip:+441632960123@192.0.2.2>;tag=a',
  't: <sip:201@cs-c.example>',
  'i: abc@192.0.2.2',
  'CSeq: 1 INVITE',
  'Max-Forwards: 69',
  'c: application/sdp',
  '',
  'v=0',
  'o=- 1 1 IN IP4 192.0.2.2',
  's=-',
  'c=IN IP4 192.0.2.2',
  'm=audio 4000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[redacted]',
].join('\r\n');

describe('sipLines', () => {
  const lines = sipLines(invite);

  it('expands compact header names and marks the ones staff read first', () => {
    expect(lines[0]).toEqual({ text: 'INVITE sip:201@cs-c.example SIP/2.0', kind: 'start-line' });
    expect(lines.find((l) => l.name === 'from')?.kind).toBe('key-header');
    expect(lines.find((l) => l.name === 'call-id')?.kind).toBe('key-header');
    expect(lines.find((l) => l.name === 'via')?.kind).toBe('header');
    expect(lines.find((l) => l.name === 'max-forwards')?.kind).toBe('header');
  });

  it('classifies the SDP body, highlighting where media goes and its keys', () => {
    const body = lines.slice(lines.findIndex((l) => l.kind === 'blank') + 1);
    expect(body.map((l) => l.kind)).toEqual(['sdp', 'key-sdp', 'sdp', 'key-sdp', 'key-sdp', 'sdp', 'key-sdp']);
  });

  it('keeps a non-SDP body as plain body lines', () => {
    const lines = sipLines('MESSAGE sip:a@b SIP/2.0\nContent-Type: text/plain\n\nhello\nthere');
    expect(lines.slice(-2).map((l) => l.kind)).toEqual(['body', 'body']);
  });
});
