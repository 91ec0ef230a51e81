import { readFileSync } from 'node:fs';
import { completeSipRecord, FireBrickSyslogDecoder, SyslogTcpFramer, type IngestBatch } from '@sipflow/ingest';
import { computeRecordId, DeviceDirectory, type DeviceEntry, type DeviceRef, type SipRecord } from '@sipflow/sip';
import { samplePath } from '@sipflow/corpus';

export interface SeedCallExpectation {
  legs: { name: string; callId: string; from: string; to: string; outcome: string }[];
  devices: string[];
  pools: Record<string, string[]>;
  links: { legs: [string, string]; kind: string; at: string; why: string }[];
  records: number;
  messages: number;
}

export function seedCallDevices(): DeviceDirectory {
  const { devices } = JSON.parse(readFileSync(samplePath('seed-call', 'devices.json'), 'utf8')) as {
    devices: DeviceEntry[];
  };
  return new DeviceDirectory(devices);
}

export function seedCallExpectation(): SeedCallExpectation {
  return JSON.parse(readFileSync(samplePath('seed-call', 'expected.json'), 'utf8')) as SeedCallExpectation;
}

/** The device a decoded record came from: its syslog hostname in the device map, else by name. */
export function reportingDevice(directory: DeviceDirectory, hint: string | undefined): DeviceRef {
  return (
    (hint && (directory.withHostname(hint) ?? directory.knownAtAddress(hint))) || {
      id: hint ?? 'unknown',
      name: hint ?? 'unknown',
    }
  );
}

/** When the seed call begins in the fixture (UTC). */
export const SEED_CALL_START_US = Date.UTC(2026, 10, 20, 10, 15) * 1000;

/**
 * The seed call's records, decoded as the collector decodes syslog over TCP (octet counting).
 * `startAtUs` moves the whole call in time (record ids follow), e.g. to now, so store TTLs keep it.
 */
export function seedCallRecords(options: { startAtUs?: number; bytes?: Uint8Array } = {}): SipRecord[] {
  const bytes = options.bytes ?? readFileSync(samplePath('seed-call', 'seed-call.syslog'));
  const directory = seedCallDevices();
  const framer = new SyslogTcpFramer();
  const decoder = new FireBrickSyslogDecoder({ lineTimeoutUs: 2_000_000 });
  const records: SipRecord[] = [];
  const take = (batch: IngestBatch) => {
    if (batch.rejections.length)
      throw new Error(`seed call rejected: ${batch.rejections.map((r) => r.reason).join('; ')}`);
    for (const captured of batch.records)
      records.push(completeSipRecord(captured, reportingDevice(directory, captured.deviceHint)));
  };
  const receivedTimeUs = Date.UTC(2026, 10, 20, 10, 20) * 1000;
  for (const frame of framer.push(bytes)) {
    if (!frame.ok) throw new Error(`seed call framing: ${frame.reason}`);
    take(decoder.decode(frame.bytes, { receivedTimeUs }));
  }
  take(decoder.flushIdle(Number.MAX_SAFE_INTEGER));
  if (options.startAtUs === undefined) return records;
  const shift = options.startAtUs - SEED_CALL_START_US;
  return records.map((r) => {
    const captureTimeUs = r.captureTimeUs + shift;
    return {
      ...r,
      captureTimeUs,
      recordId: computeRecordId(`${r.device.id}\u0000${r.direction}`, captureTimeUs, r.raw),
    };
  });
}
