import type { Bus, OutgoingMessage } from '@sipflow/bus';
import { createLogger, DependencyUnavailableError } from '@sipflow/platform';
import { makeTempDir } from '@sipflow/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectorMetrics } from '../health/collector.metrics';
import { BatchingPublisher } from './batching-publisher';
import { DiskSpool } from './disk-spool';
import type { OutboundEntry } from './spool-record.codec';

const logger = createLogger({ level: 'silent', service: 'test' });

/** A bus that can be switched down (publish throws an outage) and records what it took. */
class SwitchableBus {
  readonly kind = 'memory' as const;
  up = true;
  delayMs = 0;
  readonly taken: string[] = [];
  async ensureTopics() {}
  async publish(_topic: string, messages: OutgoingMessage[]) {
    await new Promise((r) => setTimeout(r, this.delayMs));
    if (!this.up) throw new DependencyUnavailableError('kafka', 'down');
    for (const m of messages) this.taken.push(Buffer.from(m.value).toString());
  }
  async subscribe(): Promise<never> {
    throw new Error('not used');
  }
  async close() {}
}

const entry = (n: number): OutboundEntry => ({
  topic: 't',
  key: `k${n % 3}`,
  value: Buffer.from(String(n).padStart(200, '0')),
  device: 'd',
  ingestPath: 'syslog',
});
const numbers = (values: string[]) => values.map(Number);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('BatchingPublisher', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const make = (bus: SwitchableBus, withSpool = true, bufferMaxBytes = 5_000) => {
    const dir = makeTempDir('publisher-');
    dirs.push(dir);
    const metrics = new CollectorMetrics();
    const spoolOptions = {
      dir: dir.path,
      maxBytes: 1 << 20,
      segmentBytes: 8192,
      fsync: 'never' as const,
      fsyncIntervalMs: 100,
      logger,
    };
    const publisher = new BatchingPublisher({
      bus: bus as unknown as Bus,
      topics: [],
      spool: withSpool ? new DiskSpool(spoolOptions) : undefined,
      batchRecords: 10,
      lingerMs: 1,
      bufferMaxBytes,
      maxBackoffMs: 5,
      metrics,
      logger,
    });
    publisher.start();
    return { publisher, metrics, spoolOptions };
  };

  it('publishes in order, in batches', async () => {
    const bus = new SwitchableBus();
    const { publisher, metrics } = make(bus);
    for (const n of range(0, 95)) publisher.enqueue(entry(n));
    expect(await publisher.drained(5_000)).toBe(true);
    expect(numbers(bus.taken)).toEqual(range(0, 95));
    expect(await metrics.total('published')).toBe(95);
    await publisher.close();
  });

  it('is drained only once the batch in flight is on the bus', async () => {
    const bus = new SwitchableBus();
    bus.delayMs = 50;
    const { publisher } = make(bus);
    for (const n of range(0, 5)) publisher.enqueue(entry(n));
    await until(() => publisher.state.memoryRecords === 0);
    expect(await publisher.drained(5_000)).toBe(true);
    expect(numbers(bus.taken)).toEqual(range(0, 5));
    await publisher.close();
  });

  it('spills to the spool during an outage and replays everything in order when the bus returns', async () => {
    const bus = new SwitchableBus();
    bus.up = false;
    const { publisher, metrics } = make(bus);
    for (const n of range(0, 200)) publisher.enqueue(entry(n));
    await until(() => publisher.state.spoolRecords > 0);
    expect(await metrics.total('spooled')).toBeGreaterThan(100);
    bus.up = true;
    for (const n of range(200, 250)) publisher.enqueue(entry(n));
    expect(await publisher.drained(10_000)).toBe(true);
    expect(numbers(bus.taken)).toEqual(range(0, 250));
    expect(await metrics.total('dropped')).toBe(0);
    await publisher.close();
  });

  it('spools what memory holds at shutdown, ahead of the spool, and a new publisher replays it', async () => {
    const bus = new SwitchableBus();
    bus.up = false;
    const { publisher, spoolOptions } = make(bus);
    for (const n of range(0, 60)) publisher.enqueue(entry(n));
    await publisher.close(50);
    bus.up = true;
    const again = new BatchingPublisher({
      bus: bus as unknown as Bus,
      topics: [],
      spool: new DiskSpool(spoolOptions),
      batchRecords: 7,
      lingerMs: 1,
      bufferMaxBytes: 5_000,
      maxBackoffMs: 5,
      metrics: new CollectorMetrics(),
      logger,
    });
    again.start();
    again.enqueue(entry(60));
    expect(await again.drained(5_000)).toBe(true);
    expect(numbers(bus.taken)).toEqual(range(0, 61));
    await again.close();
  });

  it('without a spool, counts what does not fit in memory as dropped', async () => {
    const bus = new SwitchableBus();
    bus.up = false;
    const { publisher, metrics } = make(bus, false, 2_000);
    for (const n of range(0, 40)) publisher.enqueue(entry(n));
    expect(await metrics.total('dropped')).toBeGreaterThan(20);
    await publisher.close(20);
    expect((await metrics.total('dropped')) + bus.taken.length).toBe(40);
  });
});
