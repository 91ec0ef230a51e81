import { describe, expect, it } from 'vitest';
import { DeviceDirectory, normaliseAddress, parseAddressSpec } from './device-directory';

describe('DeviceDirectory', () => {
  const directory = new DeviceDirectory([
    { id: 'cs-b', name: 'Call server B', hostnames: ['CS-B'], addresses: ['192.0.2.10'], captureIds: [2001] },
    { id: 'rec-1', name: 'Recorder 1', addresses: ['192.0.2.51'], pool: 'recorders' },
    { id: 'nat-phone-2', name: 'Phone behind NAT', addresses: ['203.0.113.9:5062', '[2001:db8::9]:5062'] },
  ]);

  it('finds devices by address, hostname (case-insensitive) and capture id', () => {
    expect(directory.atAddress('192.0.2.10')).toMatchObject({ id: 'cs-b', name: 'Call server B' });
    expect(directory.withHostname('cs-b')?.id).toBe('cs-b');
    expect(directory.withCaptureId(2001)?.id).toBe('cs-b');
    expect(directory.atAddress('192.0.2.51')).toEqual({
      id: 'rec-1',
      name: 'Recorder 1',
      pool: 'recorders',
      address: '192.0.2.51',
    });
  });

  it('tells apart devices sharing an address by port', () => {
    expect(directory.atAddress('203.0.113.9', 5062).id).toBe('nat-phone-2');
    expect(directory.atAddress('203.0.113.9', 5060).id).toBe('203.0.113.9');
    expect(directory.atAddress('2001:DB8::9', 5062).id).toBe('nat-phone-2');
  });

  it('names unknown devices by their address', () => {
    expect(directory.atAddress('[2001:DB8::1]')).toEqual({
      id: '2001:db8::1',
      name: '2001:db8::1',
      address: '2001:db8::1',
    });
    expect(directory.knownAtAddress('198.51.100.1')).toBeUndefined();
  });

  it('normalises IPv4-mapped IPv6 and brackets', () => {
    expect(normaliseAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('[2001:DB8::5]')).toBe('2001:db8::5');
    expect(parseAddressSpec('[2001:db8::5]:5060')).toEqual({ ip: '2001:db8::5', port: 5060 });
    expect(parseAddressSpec('192.0.2.1:5062')).toEqual({ ip: '192.0.2.1', port: 5062 });
    expect(parseAddressSpec('2001:db8::7')).toEqual({ ip: '2001:db8::7' });
  });
});
