import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../core/byte-text';
import { matchSipStartLine, startsWithSip } from './sip-start-line';

describe('SIP start line (RFC 3261 §7.1, §7.2)', () => {
  it.each([
    'INVITE sip:bob@example.com SIP/2.0\r\n',
    'aaaaaaaa sip:tori@localhost SIP/2.0\r\n', // PROTOS c07: any token is a method
    'OPTIONS sip:a sip/2.0\n', // bare LF, case-insensitive version
    'SIP/2.0 200 OK\r\n',
    'SIP/2.0 100\r\n', // empty reason phrase (RFC 4475 §3.1.1.13)
  ])('accepts %j', (line) => expect(startsWithSip(utf8Bytes(line))).toBe(true));

  it.each([
    ' sip:tori@localhost SIP/2.0\r\n', // empty method
    '\u00e5\u00e4 sip:a SIP/2.0\r\n',
    'GET / HTTP/1.1\r\n',
    'INVITE sip:a SIP/2.0', // no line end yet
    'INVITE  sip:a SIP/2.0\r\n',
    'SIP/2.0 20 OK\r\n',
  ])('refuses %j', (line) => expect(startsWithSip(utf8Bytes(line))).toBe(false));

  it('tells requests from responses', () => {
    expect(matchSipStartLine(utf8Bytes('SIP/2.0 404 Not Found\r\n'))?.kind).toBe('response');
    expect(matchSipStartLine(utf8Bytes('BYE sip:a SIP/2.0\r\n'))).toEqual({ kind: 'request', lineEnd: 18 });
  });
});
