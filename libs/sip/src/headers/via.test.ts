import { describe, expect, it } from 'vitest';
import { parseVia } from './via';

describe('parseVia (RFC 3261 §20.42)', () => {
  it('reads transport, sent-by and the usual parameters', () => {
    expect(
      parseVia(
        'SIP/2.0/udp pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5060;ttl=16;maddr=224.2.0.1',
      ),
    ).toMatchObject({
      protocol: 'SIP/2.0',
      transport: 'UDP',
      host: 'pc33.atlanta.com',
      port: 5066,
      branch: 'z9hG4bK776asdhds',
      received: '192.0.2.1',
      rport: 5060,
      ttl: 16,
      maddr: '224.2.0.1',
    });
  });

  it('reads an empty rport as a request for one (RFC 3581) and IPv6 sent-by', () => {
    expect(parseVia('SIP/2.0/TCP [2001:db8::9]:5060;rport;branch=z9hG4bKx')).toMatchObject({
      host: '2001:db8::9',
      ipv6: true,
      rport: true,
    });
  });

  it('allows whitespace around the slashes and the colon (RFC 4475 §3.1.1.1)', () => {
    expect(parseVia('SIP  /   2.0 /UDP     192.0.2.2 : 5070 ;  branch  =  z9')).toMatchObject({
      transport: 'UDP',
      host: '192.0.2.2',
      port: 5070,
      branch: 'z9',
    });
  });

  it.each([
    ['empty parameters', 'SIP/2.0/UDP 192.0.2.15;;,;,,', /empty parameter/],
    ['no sent-by', 'SIP/2.0/UDP ;branch=x', /no sent-by host/],
    ['no protocol', 'pc33.atlanta.com', /protocol\/version\/transport/],
    ['a bad port', 'SIP/2.0/UDP h:70000', /invalid port/],
    ['a non-numeric rport', 'SIP/2.0/UDP h;rport=abc', /rport parameter/],
  ])('rejects %s', (_what, value, reason) => {
    expect(() => parseVia(value)).toThrow(reason);
  });
});
