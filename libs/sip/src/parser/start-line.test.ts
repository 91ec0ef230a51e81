import { describe, expect, it } from 'vitest';
import { parseStartLine } from './start-line';

const parse = (line: string) => parseStartLine(line, 0, line.length);

describe('parseStartLine (RFC 3261 §7.1, §7.2)', () => {
  it('reads a Request-Line', () => {
    expect(parse('INVITE sip:bob@biloxi.com SIP/2.0')).toMatchObject({
      kind: 'request',
      method: 'INVITE',
      requestUri: { user: 'bob', host: 'biloxi.com' },
    });
  });

  it('reads Status-Lines, empty and UTF-8 reason phrases included', () => {
    expect(parse('SIP/2.0 180 Ringing')).toEqual({ kind: 'response', status: 180, reason: 'Ringing' });
    expect(parse('SIP/2.0 100 ')).toEqual({ kind: 'response', status: 100, reason: '' });
    expect(parse('SIP/2.0 100')).toEqual({ kind: 'response', status: 100, reason: '' });
    expect(parse(Buffer.from('SIP/2.0 200 Grüße', 'utf8').toString('latin1'))).toMatchObject({ reason: 'Grüße' });
  });

  it.each([
    ['two spaces after the method', 'INVITE  sip:a@h SIP/2.0', /more than one space between the method/],
    ['two spaces before the version', 'INVITE sip:a@h  SIP/2.0', /more than one space between the Request-URI/],
    ['trailing whitespace', 'INVITE sip:a@h SIP/2.0 ', /ends with whitespace/],
    ['<> around the Request-URI', 'INVITE <sip:a@h> SIP/2.0', /enclosed in <>/],
    ['whitespace in the Request-URI', 'INVITE sip:a@h; lr SIP/2.0', /contains whitespace/],
    ['URI headers in the Request-URI', 'INVITE sip:a@h?Route=x SIP/2.0', /URI headers/],
    ['another SIP version', 'OPTIONS sip:a@h SIP/7.0', /unsupported SIP version SIP\/7\.0/],
    ['a response with another version', 'SIP/3.0 200 OK', /unsupported SIP version/],
    ['a non-token method', 'INV(ITE sip:a@h SIP/2.0', /not a token/],
    ['a long status code', 'SIP/2.0 4294967301 x', /not three digits/],
    ['a status code below 100', 'SIP/2.0 099 x', /outside 100-699/],
    ['garbage', 'hello', /neither a Request-Line nor a Status-Line/],
  ])('rejects %s', (_what, line, reason) => {
    expect(() => parse(line)).toThrow(reason);
  });
});
