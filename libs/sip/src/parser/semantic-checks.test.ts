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
