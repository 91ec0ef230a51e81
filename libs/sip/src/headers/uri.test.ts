import { describe, expect, it } from 'vitest';
import { isIpv6, parseUri } from './uri';

describe('parseUri (RFC 3261 §19.1, RFC 3966)', () => {
  it('parses user, password, host, port, params and headers', () => {
    const uri = parseUri(
      'sip:alice:secret@Atlanta.Example.com:5061;transport=TCP;lr?subject=project%20x&priority=urgent',
      'test',
    );
    expect(uri).toMatchObject({
      scheme: 'sip',
      user: 'alice',
      password: 'secret',
      host: 'atlanta.example.com',
      ipv6: false,
      port: 5061,
      params: { transport: 'TCP', lr: null },
      headers: { subject: 'project x', priority: 'urgent' },
    });
  });

  it('stores IPv6 references without their brackets', () => {
    expect(parseUri('sips:[2001:DB8::1]:5061', 'test')).toMatchObject({
      scheme: 'sips',
      host: '2001:db8::1',
      ipv6: true,
      port: 5061,
    });
    expect(isIpv6('::ffff:192.0.2.1')).toBe(true);
    expect(() => parseUri('sip:[2001:db8::1', 'test')).toThrow(/unterminated IPv6/);
  });

  // Seen from a real phone in heplify_sip_ipv6_udp.pcap (corpus/SOURCES.md): RFC 3261 §25.1 wants
  // brackets; the address is read leniently and marked so the semantic checks report it.
  it('reads an unbracketed IPv6 host, the ninth group as the port, and marks it', () => {
    expect(parseUri('sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060;transport=udp', 'test')).toMatchObject({
      user: '4321',
      host: 'fec0:0:0:0:216:d3ff:fe0d:22c',
      ipv6: true,
      port: 5060,
      params: { transport: 'udp' },
      unbracketedIpv6: true,
    });
    expect(parseUri('sip:4321@FEC0:0:0:0:216:d3ff:fe0d:22c', 'test')).toMatchObject({
      host: 'fec0:0:0:0:216:d3ff:fe0d:22c',
      port: undefined,
      unbracketedIpv6: true,
    });
    expect(parseUri('sip:[2001:db8::1]', 'test').unbracketedIpv6).toBeUndefined();
    expect(parseUri('sip:beef:5060', 'test')).toMatchObject({ host: 'beef', port: 5060, ipv6: false });
  });

  it('unescapes the user part, including %00 and multi-byte UTF-8', () => {
    expect(parseUri('sip:%61lice%00@h', 'test').user).toBe('alice\0');
    expect(parseUri('sip:J%C3%BCrgen@h', 'test').user).toBe('Jürgen');
    expect(parseUri('sip:100%@h', 'test').user).toBe('100%');
  });

  it('parses tel: numbers with visual separators and params', () => {
    expect(parseUri('tel:+1-201-555-0123;phone-context=example.com', 'test')).toMatchObject({
      scheme: 'tel',
      user: '+1-201-555-0123',
      host: '',
      params: { 'phone-context': 'example.com' },
    });
  });

  it('keeps other schemes opaque', () => {
    expect(parseUri('urn:service:sos', 'test')).toMatchObject({ scheme: 'urn', host: '', raw: 'urn:service:sos' });
  });

  it.each([
    ['no scheme', 'alice@example.com', /no URI scheme/],
    ['whitespace', 'sip:al ice@h', /contains whitespace/],
    ['no host', 'sip:alice@', /no host/],
    ['a bad port', 'sip:h:99999', /port above 65535/],
    ['a host with two ports', 'sip:h:5060:5061', /unexpected ":" after the host/],
    ['ten IPv6 groups', 'sip:1:2:3:4:5:6:7:8:9:10', /unexpected ":" after the host/],
    ['an empty parameter', 'sip:h;;lr', /empty URI parameter/],
    ['a forbidden character', 'sip:a<b@h', /character "<"/],
  ])('rejects %s', (_what, text, reason) => {
    expect(() => parseUri(text, 'Test URI')).toThrow(reason);
  });
});
