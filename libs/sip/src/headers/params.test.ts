import { describe, expect, it } from 'vitest';
import { parseHeaderParams } from './params';

const params = (s: string) => parseHeaderParams(s, 0, s.length, 'Test', 0);

describe('parseHeaderParams (RFC 3261 §25.1 generic-param)', () => {
  it('reads flags, tokens, hosts and quoted values; names lower-cased', () => {
    expect(params(';Tag=ab;lr;received=[2001:db8::1];text="a; b"')).toEqual({
      tag: 'ab',
      lr: null,
      received: '[2001:db8::1]',
      text: 'a; b',
    });
  });

  it('rejects empty parameters, missing values and stray text', () => {
    expect(() => params(';;')).toThrow(/empty parameter/);
    expect(() => params(';a=')).toThrow(/'=' but no value/);
    expect(() => params(' x')).toThrow(/unexpected text/);
    expect(() => params(';q="open')).toThrow(/unterminated/);
  });
});
