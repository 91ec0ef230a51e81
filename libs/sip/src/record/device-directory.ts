import type { DeviceRef } from './sip-record';

/** One entry of the device map: how an operator names a device and how sipflow recognises it. */
export interface DeviceEntry {
  id: string;
  name: string;
  /** IP addresses (optionally ip:port for devices sharing an address) it sends from or is reached at. */
  addresses?: string[];
  /** Syslog HOSTNAMEs it reports with. */
  hostnames?: string[];
  /** HEP capture agent ids it reports with. */
  captureIds?: number[];
  /** Pool it belongs to, e.g. 'recorders'. */
  pool?: string;
  /** Operator groups for access scopes (e.g. a customer's site). */
  groups?: string[];
}

/**
 * The device map as a lookup: device identity by address, syslog hostname or HEP capture id.
 * Unknown devices still flow, named by their address (the collector and correlator never drop a
 * record because its device is unknown).
 */
export class DeviceDirectory {
  private readonly byAddress = new Map<string, DeviceRef>();
  private readonly byHostname = new Map<string, DeviceRef>();
  private readonly byCaptureId = new Map<number, DeviceRef>();
  private readonly byId = new Map<string, DeviceRef>();

  constructor(readonly entries: readonly DeviceEntry[] = []) {
    for (const entry of entries) {
      const ref: DeviceRef = { id: entry.id, name: entry.name, ...(entry.pool ? { pool: entry.pool } : {}) };
      if (entry.addresses?.[0]) ref.address = parseAddressSpec(entry.addresses[0]).ip;
      this.byId.set(entry.id, ref);
      for (const spec of entry.addresses ?? []) {
        const { ip, port } = parseAddressSpec(spec);
        this.byAddress.set(port === undefined ? ip : `${ip}#${port}`, ref);
      }
      for (const hostname of entry.hostnames ?? []) this.byHostname.set(hostname.toLowerCase(), ref);
      for (const captureId of entry.captureIds ?? []) this.byCaptureId.set(captureId, ref);
    }
  }

  /** The device at an address (ip:port first, then ip), or an unknown device named by the address. */
  atAddress(address: string, port?: number): DeviceRef {
    const ip = normaliseAddress(address);
    return this.knownAtAddress(ip, port) ?? { id: ip, name: ip, address: ip };
  }

  /** A known device at the address, or undefined. */
  knownAtAddress(address: string, port?: number): DeviceRef | undefined {
    const ip = normaliseAddress(address);
    return (port !== undefined ? this.byAddress.get(`${ip}#${port}`) : undefined) ?? this.byAddress.get(ip);
  }

  withHostname(hostname: string): DeviceRef | undefined {
    return this.byHostname.get(hostname.toLowerCase());
  }

  withCaptureId(captureId: number): DeviceRef | undefined {
    return this.byCaptureId.get(captureId);
  }

  withId(id: string): DeviceRef | undefined {
    return this.byId.get(id);
  }
}

/** An IP address in canonical text: IPv6 lower-case without brackets, IPv4-mapped IPv6 as IPv4. */
export function normaliseAddress(address: string): string {
  let a = address.trim().toLowerCase();
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/.test(a)) a = a.slice(7);
  return a;
}

/** A device-map address: `ip`, `ipv4:port` or `[ipv6]:port`. */
export function parseAddressSpec(spec: string): { ip: string; port?: number } {
  const s = spec.trim();
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return v6[2] ? { ip: normaliseAddress(v6[1]!), port: Number(v6[2]) } : { ip: normaliseAddress(v6[1]!) };
  const v4 = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(s);
  if (v4) return { ip: v4[1]!, port: Number(v4[2]) };
  return { ip: normaliseAddress(s) };
}
