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
import { busConfig, createLogger, loadConfig, type Logger } from '@sipflow/platform';
import type { SipRecord } from '@sipflow/sip';
import { samplePath } from '@sipflow/testing';

export { encodeHep3, octetCounted, seedFrames, sipOfFrame, syntheticFrames } from '@sipflow/testing';
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
