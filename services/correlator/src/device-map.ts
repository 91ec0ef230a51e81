import { readFileSync } from 'node:fs';
import { DeviceDirectory, type DeviceEntry } from '@sipflow/sip';

/** The device map file: `{ "devices": [{ id, name, addresses, hostnames, captureIds, pool }] }`. */
export function loadDeviceMap(path: string | undefined): DeviceDirectory {
  if (!path) return new DeviceDirectory();
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { devices?: DeviceEntry[] };
  if (!Array.isArray(parsed.devices)) throw new Error(`${path}: expected {"devices": [...]}`);
  return new DeviceDirectory(parsed.devices);
}
