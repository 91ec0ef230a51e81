import { resolve } from 'node:path';
import { readJsonFile, variable } from '@sipflow/platform';
import { DeviceDirectory, parseDeviceMap } from '@sipflow/sip';
import { z } from 'zod';
import { DEMO_EXTRA_DEVICES } from './demo-traffic';

const samples = resolve(__dirname, '..', '..', '..', '..', 'samples', 'seed-call');

/** The seed call as FireBrick syslog (samples/seed-call/README.md). */
export const demoSeedFile = resolve(samples, 'seed-call.syslog');

export const demoConfig = {
  DEMO_INTERVAL_SECONDS: variable(z.coerce.number().int().min(1).default(30), {
    description: 'With `sipflow start --demo`: seconds between rounds of demo traffic.',
  }),
};

/** The seed call's device map plus the demo's HEP-reporting edge proxy and customer PBX. */
export function demoDeviceDirectory(): DeviceDirectory {
  const seed = parseDeviceMap(readJsonFile(resolve(samples, 'devices.json')), 'samples/seed-call/devices.json');
  return new DeviceDirectory([...seed.entries, ...DEMO_EXTRA_DEVICES]);
}
