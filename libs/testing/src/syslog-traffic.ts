import { readFileSync } from 'node:fs';
import { encodeHep3, SyslogTcpFramer } from '@sipflow/ingest';
import { samplePath } from '@sipflow/corpus';

// Syslog and HEP traffic built from the seed call's FireBrick records (samples/seed-call), for the
// collector's integration tests and benchmarks: realistic sizes, real Call-IDs.

/** The seed call's 72 syslog messages (samples/seed-call/seed-call.syslog is octet-counted). */
export function seedFrames(): Buffer[] {
  const bytes = readFileSync(samplePath('seed-call', 'seed-call.syslog'));
  return new SyslogTcpFramer().push(bytes).map((f) => {
    if (!f.ok) throw new Error(f.reason);
    return Buffer.from(f.bytes);
  });
}

const SEED_TIME = /2026-11-20T10:15:\d{2}\.\d{6}Z|2026-11-20T10:1\d:\d{2}\.\d{6}Z/;

/**
 * `n` distinct FireBrick syslog messages built from the seed call's records: record i is seed
 * record i % 72 with its syslog timestamp moved to a time of its own, so every one gets its own
 * record id while keeping realistic sizes and Call-IDs (order per Call-ID = order of i).
 */
export function syntheticFrames(n: number, startIso = '2026-12-01T00:00:00.000000Z'): Buffer[] {
  const seed = seedFrames().map((f) => f.toString('latin1'));
  const startUs = Date.parse(startIso) * 1000;
  return Array.from({ length: n }, (_, i) => {
    const us = startUs + i * 10;
    const iso = new Date(Math.floor(us / 1000)).toISOString().replace(/\.\d{3}Z$/, '');
    const stamp = `${iso}.${String(us % 1_000_000).padStart(6, '0')}Z`;
    const text = seed[i % seed.length]!;
    if (!SEED_TIME.test(text)) throw new Error('seed record without a timestamp');
    return Buffer.from(text.replace(SEED_TIME, stamp), 'latin1');
  });
}

/** RFC 6587 §3.4.1 octet counting. */
export const octetCounted = (frames: Buffer[]): Buffer =>
  Buffer.concat(frames.flatMap((f) => [Buffer.from(`${f.length} `), f]));

export { encodeHep3 };

/** The SIP message inside a seed frame (what a HEP agent would capture for it). */
export function sipOfFrame(frame: Buffer): Buffer {
  const text = frame.toString('latin1');
  return Buffer.from(text.slice(text.indexOf('\n') + 1), 'latin1');
}

/** Environment of a collector process on 127.0.0.1 with every port picked by the OS (tests, benchmarks). */
export const loopbackCollectorEnv = (): Record<string, string> => ({
  COLLECTOR_BIND_ADDRESS: '127.0.0.1',
  COLLECTOR_HTTP_ADDRESS: '127.0.0.1',
  SYSLOG_UDP_PORT: '0',
  SYSLOG_TCP_PORT: '0',
  HEP_UDP_PORT: '0',
  HEP_TCP_PORT: '0',
  COLLECTOR_HTTP_PORT: '0',
});

/** Seed frame `i` as a HEP agent at call server B (capture id 2001) would have sent it. */
export const hepOfFrame = (frame: Buffer, i: number): Buffer =>
  encodeHep3(sipOfFrame(frame), {
    src: '192.0.2.10',
    dst: '192.0.2.20',
    srcPort: 5060,
    dstPort: 5060,
    captureId: 2001,
    timeUs: 1_795_000_000_000_000 + i,
  });
