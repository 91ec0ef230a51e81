import { describe, expect, it } from 'vitest';
import { parseReason } from './reason';

describe('parseReason (RFC 3326)', () => {
  it('reads protocol, cause and text', () => {
    expect(parseReason('Q.850;cause=16;text="Normal call clearing"')).toEqual({
      protocol: 'Q.850',
      cause: 16,
      text: 'Normal call clearing',
    });
    expect(parseReason('SIP ; cause=200 ; text="Call completed elsewhere"')).toEqual({
      protocol: 'SIP',
      cause: 200,
      text: 'Call completed elsewhere',
    });
    expect(parseReason('SIP;text="no cause"')).toEqual({ protocol: 'SIP', cause: undefined, text: 'no cause' });
  });

  it('throws on broken parameters (callers skip the element)', () => {
    expect(() => parseReason('SIP;;cause=1')).toThrow(/empty parameter/);
    expect(parseReason(';cause=1')).toBeUndefined();
  });
});
