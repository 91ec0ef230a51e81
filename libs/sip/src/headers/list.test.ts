import { describe, expect, it } from 'vitest';
import { splitList } from './list';

describe('splitList (RFC 3261 §7.3.1)', () => {
  it('splits at top-level commas only', () => {
    expect(splitList('<sip:a@h>;q=0.5, "Smith, J" <sip:b@h>, <sip:c,d@h>')).toEqual([
      '<sip:a@h>;q=0.5',
      '"Smith, J" <sip:b@h>',
      '<sip:c,d@h>',
    ]);
    expect(splitList('INVITE,ACK ,  BYE')).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(splitList('"a\\",b", c')).toEqual(['"a\\",b"', 'c']);
  });

  it('keeps empty elements for the caller to flag', () => {
    expect(splitList('a,,b,')).toEqual(['a', '', 'b', '']);
    expect(splitList('single')).toEqual(['single']);
  });
});
