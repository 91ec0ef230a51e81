import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import {
  decodeDeadLetter,
  decodeSipRecord,
  KafkaBus,
  type Bus,
  type DeadLetter,
  type Subscription,
} from '@sipflow/bus';
import { SyslogTcpFramer } from '@sipflow/ingest';
import { busConfig, createLogger, loadConfig, type Logger } from '@sipflow/platform';
import type { SipRecord } from '@sipflow/sip';
import { samplePath } from '@sipflow/testing';
import { collectorConfig, type CollectorSettings } from '../src';

export const testLogger = (): Logger =>
  createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'fatal', service: 'collector-test' });

/** A collector configuration on 127.0.0.1 with free ports and topics of its own (one broker serves many tests). */
export function testConfig(overrides: Record<string, string> = {}): CollectorSettings {
  const suffix = randomBytes(4).toString('hex');
  return loadConfig(
    { ...busConfig, ...collectorConfig },
    {
      COLLECTOR_BIND_ADDRESS: '127.0.0.1',
      COLLECTOR_HTTP_ADDRESS: '127.0.0.1',
      SYSLOG_UDP_PORT: '0',
      SYSLOG_TCP_PORT: '0',
      SYSLOG_TLS_PORT: '0',
      HEP_UDP_PORT: '0',
      HEP_TCP_PORT: '0',
      COLLECTOR_HTTP_PORT: '0',
      SIP_RAW_TOPIC: `sip.raw.v1.test-${suffix}`,
      SIP_DEADLETTER_TOPIC: `sip.deadletter.v1.test-${suffix}`,
      KAFKA_TOPIC_PARTITIONS: '3',
      COLLECTOR_LINGER_MS: '5',
      COLLECTOR_PUBLISH_MAX_BACKOFF_MS: '500',
      ...overrides,
    },
  );
}

export function kafkaBus(brokers: string[], logger: Logger, clientId = 'collector-test'): KafkaBus {
  return new KafkaBus({ brokers, clientId, logger, requestTimeoutMs: 5_000 });
}

/** The seed call's 72 syslog messages (samples/seed-call/seed-call.syslog is octet-counted). */
export function seedFrames(): Buffer[] {
  const bytes = readFileSync(samplePath('seed-call', 'seed-call.syslog'));
  return new SyslogTcpFramer().push(bytes).map((f) => {
    if (!f.ok) throw new Error(f.reason);
    return Buffer.from(f.bytes);
  });
}

export function seedStream(): Buffer {
  return readFileSync(samplePath('seed-call', 'seed-call.syslog'));
}

/** The frames as an LF-framed stream (RFC 6587 §3.4.2): line breaks inside escaped as rsyslog does (#012, #015). */
export function lfStream(frames: Buffer[]): Buffer {
  return Buffer.concat(
    frames.map((f) => Buffer.from(`${f.toString('latin1').replace(/\r/g, '#015').replace(/\n/g, '#012')}\n`, 'latin1')),
  );
}

export async function sendUdp(port: number, datagrams: Buffer[], pauseEvery = 50): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (const [i, d] of datagrams.entries()) {
      await new Promise<void>((resolve, reject) =>
        socket.send(d, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
      );
      if (i % pauseEvery === pauseEvery - 1) await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    socket.close();
  }
}

export async function sendTcp(port: number, bytes: Buffer, chunk = 1000): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  for (let at = 0; at < bytes.length; at += chunk) {
    if (!socket.write(bytes.subarray(at, at + chunk))) await new Promise((r) => socket.once('drain', r));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
}

/** Everything on a topic from the beginning, decoded, in arrival order (per partition order preserved). */
export class TopicReader<T> {
  readonly items: T[] = [];
  private subscription?: Subscription;

  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly decode: (bytes: Uint8Array) => T,
  ) {}

  async start(): Promise<this> {
    await this.bus.ensureTopics([{ topic: this.topic, partitions: 3 }]);
    this.subscription = await this.bus.subscribe({
      groupId: `reader-${randomBytes(4).toString('hex')}`,
      topics: [this.topic],
      fromBeginning: true,
      handler: async (batch) => {
        for (const m of batch.messages) this.items.push(this.decode(m.value));
      },
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}

export const recordReader = (bus: Bus, topic: string) => new TopicReader<SipRecord>(bus, topic, decodeSipRecord);
export const deadLetterReader = (bus: Bus, topic: string) => new TopicReader<DeadLetter>(bus, topic, decodeDeadLetter);

/** Records grouped by Call-ID, each group's record ids in order. */
export function idsByCallId(records: SipRecord[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of records) {
    const list = out.get(r.callId) ?? [];
    list.push(r.recordId);
    out.set(r.callId, list);
  }
  return out;
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

/** A HEP3 packet (HEP3 spec rev. 37 chunk types) carrying one SIP message over UDP/IPv4. */
export function encodeHep3(
  sip: Buffer,
  o: { src: string; dst: string; srcPort: number; dstPort: number; captureId: number; timeUs: number },
): Buffer {
  const chunk = (type: number, body: Buffer) => {
    const h = Buffer.alloc(6);
    h.writeUInt16BE(0, 0);
    h.writeUInt16BE(type, 2);
    h.writeUInt16BE(6 + body.length, 4);
    return Buffer.concat([h, body]);
  };
  const u8 = (v: number) => Buffer.from([v]);
  const u16 = (v: number) => Buffer.from([v >> 8, v & 0xff]);
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    return b;
  };
  const ip = (a: string) => Buffer.from(a.split('.').map(Number));
  const chunks = Buffer.concat([
    chunk(0x0001, u8(2)),
    chunk(0x0002, u8(17)),
    chunk(0x0003, ip(o.src)),
    chunk(0x0004, ip(o.dst)),
    chunk(0x0007, u16(o.srcPort)),
    chunk(0x0008, u16(o.dstPort)),
    chunk(0x0009, u32(Math.floor(o.timeUs / 1e6))),
    chunk(0x000a, u32(o.timeUs % 1e6)),
    chunk(0x000b, u8(1)),
    chunk(0x000c, u32(o.captureId)),
    chunk(0x000f, sip),
  ]);
  const header = Buffer.alloc(6);
  header.write('HEP3', 0, 'latin1');
  header.writeUInt16BE(6 + chunks.length, 4);
  return Buffer.concat([header, chunks]);
}

/** The SIP message inside a seed frame (what a HEP agent would capture for it). */
export function sipOfFrame(frame: Buffer): Buffer {
  const text = frame.toString('latin1');
  return Buffer.from(text.slice(text.indexOf('\n') + 1), 'latin1');
}

/** One counter's total from a Prometheus text page. */
export function metricTotal(page: string, name: string): number {
  let sum = 0;
  for (const line of page.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

export async function scrape(httpPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
  return res.text();
}
