import { z } from 'zod';
import { DeviceDirectory, type DeviceEntry } from './device-directory';

const deviceMapSchema = z.object({
  devices: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      addresses: z.array(z.string()).optional(),
      hostnames: z.array(z.string()).optional(),
      captureIds: z.array(z.number().int().nonnegative()).optional(),
      pool: z.string().optional(),
      groups: z.array(z.string()).optional(),
    }),
  ),
});

/**
 * The device map file's content (`{"devices": DeviceEntry[]}`, the shape of
 * samples/seed-call/devices.json), validated; the error names every problem and where it is.
 */
export function parseDeviceMap(json: unknown, source: string): DeviceDirectory {
  const parsed = deviceMapSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `device map ${source}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return new DeviceDirectory(parsed.data.devices as DeviceEntry[]);
}
