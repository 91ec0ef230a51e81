import { describe, expect, it } from 'vitest';
import { parseNameAddr } from './name-addr';

describe('parseNameAddr (RFC 3261 §20.10, §25.1)', () => {
  it('reads a quoted display name with escapes, the URI and the tag', () => {
    const p = parseNameAddr('"Bob \\"the\\" Builder" <sip:bob@biloxi.com;user=phone>;tag=a6c85cf;expires=60', 'To');
    expect(p.displayName).toBe('Bob "the" Builder');
    expect(p.uri.user).toBe('bob');
    expect(p.uri.params).toEqual({ user: 'phone' });
    expect(p.params).toEqual({ tag: 'a6c85cf', expires: '60' });
    expect(p.tag).toBe('a6c85cf');
  });

  it('reads token display names and names without a space before <', () => {
    expect(parseNameAddr('Alice Smith <sip:a@h>', 'From').displayName).toBe('Alice Smith');
    expect(parseNameAddr('caller<sip:a@h>', 'From').displayName).toBe('caller');
  });

  it('decodes UTF-8 display names', () => {
    const latin1 = Buffer.from('"Jürgen" <sip:j@h>', 'utf8').toString('latin1');
    expect(parseNameAddr(latin1, 'From').displayName).toBe('Jürgen');
  });

  it('gives addr-spec parameters to the header, not the URI', () => {
    const p = parseNameAddr('sip:+1972@gw1.example.net;unknownparam;tag=1', 'Contact');
    expect(p.uri.params).toEqual({});
    expect(p.params).toEqual({ unknownparam: null, tag: '1' });
  });

  it('allows whitespace around ; and =', () => {
    expect(parseNameAddr('<sip:a@h> ;  tag =  x1 ', 'To').tag).toBe('x1');
  });

  it.each([
    ['an unterminated quote', '"Mr. J. User <sip:j@h>', /unterminated quoted string/],
    ['spaces inside <>', '< sip:t@h >', /whitespace inside <…>/],
    ['a comma in an unquoted display name', 'Bell, Alexander <sip:a@h>', /contains ","/],
    ['a ? in an addr-spec', 'sip:user@example.com?Route=x', /containing '\?' is not enclosed in <>/],
    ['an empty parameter', '<sip:a@h>;;tag=1', /empty parameter/],
    ['no closing >', '<sip:a@h', /without a closing '>'/],
    ['an empty value', '   ', /is empty/],
  ])('rejects %s', (_what, value, reason) => {
    expect(() => parseNameAddr(value, 'To')).toThrow(reason);
  });
});
