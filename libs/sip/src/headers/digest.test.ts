import { describe, expect, it } from 'vitest';
import { parseDigest } from './digest';

describe('parseDigest (RFC 3261 §22.4, RFC 7616)', () => {
  it('reads a challenge with quoted and token values', () => {
    expect(
      parseDigest(
        'Digest realm="atlanta.com", domain="sip:ss1.carrier.com", qop="auth", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5',
      ),
    ).toEqual({
      scheme: 'Digest',
      params: {
        realm: 'atlanta.com',
        domain: 'sip:ss1.carrier.com',
        qop: 'auth',
        nonce: 'f84f1cec41e6cbe5aea9c8e88d359',
        opaque: '',
        stale: 'FALSE',
        algorithm: 'MD5',
      },
    });
  });

  it('lower-cases names and keeps commas inside quoted values', () => {
    expect(parseDigest('Digest Username="bob", URI="sip:a,b@h",nc=00000001')!.params).toEqual({
      username: 'bob',
      uri: 'sip:a,b@h',
      nc: '00000001',
    });
  });

  it('keeps unknown schemes; gives undefined for garbage', () => {
    expect(parseDigest('NoOneKnowsThisScheme opaque-data=here')).toEqual({
      scheme: 'NoOneKnowsThisScheme',
      params: { 'opaque-data': 'here' },
    });
    expect(parseDigest('')).toBeUndefined();
    expect(parseDigest('"quoted"')).toBeUndefined();
    expect(parseDigest('Digest realm="unterminated')).toEqual({ scheme: 'Digest', params: {} });
  });
});
