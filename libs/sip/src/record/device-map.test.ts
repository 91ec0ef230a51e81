import { describe, expect, it } from 'vitest';
import { parseDeviceMap } from './device-map';

describe('parseDeviceMap', () => {
  it('builds the directory from a valid map', () => {
    const directory = parseDeviceMap(
      { devices: [{ id: 'cs-b', name: 'Call server B', hostnames: ['cs-b'], addresses: ['192.0.2.10'] }] },
      'm.json',
    );
    expect(directory.withHostname('CS-B')?.name).toBe('Call server B');
  });

  it('names every problem and where it is', () => {
    expect(() => parseDeviceMap({ devices: [{ id: '', name: 'x', captureIds: [-1] }] }, 'bad.json')).toThrow(
      /device map bad\.json: devices\.0\.id: .*; devices\.0\.captureIds\.0: /,
    );
    expect(() => parseDeviceMap([], 'list.json')).toThrow(/device map list\.json/);
  });
});
