import { isIP } from 'node:net';
import { readJsonFile } from '@sipflow/platform';
import { DeviceDirectory, normaliseAddress, parseDeviceMap, type DeviceRef } from '@sipflow/sip';

/** Reads the device map file named by DEVICE_MAP_FILE. */
export function loadDeviceMap(path: string): DeviceDirectory {
  return parseDeviceMap(readJsonFile(path), path);
}

const HEP_HINT = /^hep:(\d+)$/;

/**
 * Who reported a record: the device map entry for the syslog HOSTNAME, the HEP capture id or the
 * sender's address, in that order; an unknown device still flows, named by its hostname or capture
 * id when it gave one (DeviceRef.id), else by its address. Results are cached per (hint, sender)
 * until the map is replaced.
 */
export class DeviceResolver {
  private cache = new Map<string, DeviceRef>();

  constructor(private directory: DeviceDirectory = new DeviceDirectory()) {}

  get devices(): DeviceDirectory {
    return this.directory;
  }

  replace(directory: DeviceDirectory): void {
    this.directory = directory;
    this.cache = new Map();
  }

  resolve(hint: string | undefined, senderAddress?: string, senderPort?: number): DeviceRef {
    const key = `${hint ?? ''}\u0000${senderAddress ?? ''}\u0000${senderPort ?? ''}`;
    let ref = this.cache.get(key);
    if (!ref) {
      ref = this.lookup(hint, senderAddress, senderPort);
      if (this.cache.size > 100_000) this.cache.clear(); // a flood of spoofed senders must not grow memory
      this.cache.set(key, ref);
    }
    return ref;
  }

  private lookup(hint: string | undefined, senderAddress?: string, senderPort?: number): DeviceRef {
    const d = this.directory;
    const sender = senderAddress ? normaliseAddress(senderAddress) : undefined;
    const hep = hint ? HEP_HINT.exec(hint) : null;
    const known =
      (hep ? d.withCaptureId(Number(hep[1])) : undefined) ??
      (hint && !hep ? (isIP(normaliseAddress(hint)) ? d.knownAtAddress(hint) : d.withHostname(hint)) : undefined) ??
      (sender ? d.knownAtAddress(sender, senderPort) : undefined);
    if (known) return known;
    if (hint && !isIP(normaliseAddress(hint))) {
      return sender ? { id: hint, name: hint, address: sender } : { id: hint, name: hint };
    }
    if (sender) return d.atAddress(sender);
    if (hint) return d.atAddress(hint);
    return { id: 'unknown', name: 'unknown' };
  }
}
