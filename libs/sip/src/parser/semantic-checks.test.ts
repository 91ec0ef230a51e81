import { describe, expect, it } from 'vitest';
import { parseSipMessage } from './parse-sip-message';

const codes = (...lines: string[]) => {
  const r = parseSipMessage(Buffer.from([...lines, '', ''].join('\r\n'), 'latin1'));
  if (!r.ok) throw new Error(r.error.message);
  return r.message.issues.map((i) => i.code);
};
const BASE = ['Max-Forwards: 70', 'To: <sip:b@h>', 'From: <sip:a@h>;tag=1', 'Call-ID: c1', 'l: 0'];

describe('semantic checks (RFC 3261 §8.1.1, RFC 4475 §3.3)', () => {
  it('a correct request has no issues', () => {
    expect(
      codes('OPTIONS sip:b@h SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bKabc', 'CSeq: 1 OPTIONS', ...BASE),
    ).toEqual([]);
  });

  it('flags branch problems and RFC 2543 syntax', () => {
    expect(codes('OPTIONS sip:b@h SIP/2.0', 'Via: SIP/2.0/UDP h', 'CSeq: 1 OPTIONS', ...BASE)).toContain(
      'missing-branch',
    );
    expect(codes('OPTIONS sip:b@h SIP/2.0', 'Via: SIP/2.0/UDP h;branch=abc', 'CSeq: 1 OPTIONS', ...BASE)).toContain(
      'branch-without-magic-cookie',
    );
    expect(
      codes(
        'OPTIONS sip:b@h SIP/2.0',
        'Via: SIP/2.0/UDP h',
        'CSeq: 1 OPTIONS',
        'Max-Forwards: 70',
        'To: <sip:b@h>',
        'From: <sip:a@h>',
        'Call-ID: c1',
      ),
    ).toContain('rfc2543-syntax');
  });

  it('flags IPv6 hosts written without brackets (RFC 3261 §25.1, RFC 5118 §4.1)', () => {
    const r = parseSipMessage(
      Buffer.from(
        [
          'INVITE sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060 SIP/2.0',
          'Via: SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bKabc',
          'CSeq: 1 INVITE',
          'Contact: <sip:1234@fec0:0:0:0:21a:a0ff:fe07:32e0:5060>',
          ...BASE,
          '',
          '',
        ].join('\r\n'),
        'latin1',
      ),
    );
    if (!r.ok) throw new Error(r.error.message);
    const flagged = r.message.issues.find((i) => i.code === 'unbracketed-ipv6');
    expect(flagged?.severity).toBe('warning');
    expect(r.message.via[0]).toMatchObject({ host: 'fe80:0:0:0:21a:a0ff:fe07:32e0', port: 5060, ipv6: true });
    expect(flagged?.message).toMatch(/^Request-URI, Via, Contact writes an IPv6 address without \[brackets\]/);
  });

  it('flags responses missing required headers, but not Max-Forwards', () => {
    expect(
      codes(
        'SIP/2.0 200 OK',
        'Via: SIP/2.0/UDP h;branch=z9hG4bKabc',
        'CSeq: 1 OPTIONS',
        'To: <sip:b@h>',
        'From: <sip:a@h>;tag=1',
        'Call-ID: c1',
      ),
    ).toEqual([]);
    expect(codes('SIP/2.0 200 OK', 'CSeq: 1 OPTIONS', 'To: <sip:b@h>', 'From: <sip:a@h>;tag=1')).toEqual([
      'missing-required-header',
    ]);
  });

  it('flags out-of-range Max-Forwards and Expires', () => {
    expect(
      codes(
        'OPTIONS sip:b@h SIP/2.0',
        'Via: SIP/2.0/UDP h;branch=z9hG4bKabc',
        'CSeq: 1 OPTIONS',
        'Max-Forwards: 300',
        'Expires: 99999999999',
        ...BASE.slice(1),
      ),
    ).toEqual(expect.arrayContaining(['value-out-of-range', 'missing-required-header']));
  });
});
