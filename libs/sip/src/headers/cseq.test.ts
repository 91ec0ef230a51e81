import { describe, expect, it } from 'vitest';
import { parseCSeq } from './cseq';

describe('parseCSeq (RFC 3261 §20.16)', () => {
  it('reads number and method, with any LWS between', () => {
    expect(parseCSeq('4711 INVITE')).toEqual({ seq: 4711, method: 'INVITE' });
    expect(parseCSeq('0009   INVITE')).toEqual({ seq: 9, method: 'INVITE' });
    expect(parseCSeq('4294967295 BYE')).toEqual({ seq: 4294967295, method: 'BYE' });
  });

  it.each([
    ['a number over 2^32-1', '4294967296 INVITE', /larger than 2\^32-1/],
    ['a huge number', '36893488147419103232 REGISTER', /larger than 2\^32-1/],
    ['no number', 'INVITE', /does not start with a number/],
    ['no method', '1', /no space between number and method/],
    ['trailing junk', '1 INVITE x', /no valid method/],
  ])('rejects %s', (_what, value, reason) => {
    expect(() => parseCSeq(value)).toThrow(reason);
  });
});
