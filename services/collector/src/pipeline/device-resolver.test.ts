import { DeviceDirectory } from '@sipflow/sip';
import { describe, expect, it } from 'vitest';
import { DeviceResolver } from './device-resolver';

describe('DeviceResolver', () => {
  const resolver = new DeviceResolver(
    new DeviceDirectory([
      { id: 'cs-b', name: 'Call server B', hostnames: ['cs-b'], addresses: ['192.0.2.10'], captureIds: [2001] },
      { id: 'rec-1', name: 'Recorder 1', addresses: ['192.0.2.51'], pool: 'recorders' },
    ]),
  );

  it('finds the reporting device by syslog hostname, HEP capture id, then sender address', () => {
    expect(resolver.resolve('CS-B', '198.51.100.1').id).toBe('cs-b');
    expect(resolver.resolve('hep:2001', '198.51.100.1').id).toBe('cs-b');
    expect(resolver.resolve('unknown-host', '192.0.2.51')).toMatchObject({ id: 'rec-1', pool: 'recorders' });
    expect(resolver.resolve(undefined, '::ffff:192.0.2.10').id).toBe('cs-b');
  });

  it('lets unknown devices flow, named by what they call themselves or by address', () => {
    expect(resolver.resolve('fb-7', '198.51.100.7')).toEqual({ id: 'fb-7', name: 'fb-7', address: '198.51.100.7' });
    expect(resolver.resolve('hep:9', '198.51.100.9')).toEqual({ id: 'hep:9', name: 'hep:9', address: '198.51.100.9' });
    expect(resolver.resolve('198.51.100.8', '198.51.100.8')).toEqual({
      id: '198.51.100.8',
      name: '198.51.100.8',
      address: '198.51.100.8',
    });
  });

  it('takes a new map at once (reload)', () => {
    const r = new DeviceResolver();
    expect(r.resolve(undefined, '203.0.113.5').id).toBe('203.0.113.5');
    r.replace(new DeviceDirectory([{ id: 'pbx', name: 'PBX', addresses: ['203.0.113.5'] }]));
    expect(r.resolve(undefined, '203.0.113.5').id).toBe('pbx');
  });
});
