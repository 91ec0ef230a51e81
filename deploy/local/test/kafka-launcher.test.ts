import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_KAFKA_VERSION, readRunning, startKafka, stopKafka, type RunningKafka } from '../src/kafka-launcher';

// Proves the pinned Kafka release against kafkajs 2.2.4 with a broker of its own (not the shared
// test broker), and that the launcher stops it by PID.
describe(`Kafka ${PINNED_KAFKA_VERSION} launcher with kafkajs`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sipflow-kafka-'));
  let kafka: RunningKafka;

  beforeAll(async () => {
    kafka = await startKafka({ dir });
  });
  afterAll(async () => {
    await stopKafka(dir);
  });

  it('creates a topic, produces idempotently and consumes in a consumer group', async () => {
    const client = new Kafka({ brokers: [kafka.bootstrap], clientId: 'launcher-test', logLevel: logLevel.NOTHING });
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'roundtrip', numPartitions: 3 }], waitForLeaders: true });
    expect(await admin.listTopics()).toContain('roundtrip');

    const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: 30 }, (_, i) => ({ key: `call-${i % 5}`, value: `message ${i}` }));
    await producer.send({ topic: 'roundtrip', messages: sent });

    const consumer = client.consumer({ groupId: 'roundtrip-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'roundtrip', fromBeginning: true });
    const received: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(String(message.value));
          if (received.length === sent.length) resolve();
        },
      });
    });
    expect(received.sort()).toEqual(sent.map((m) => m.value).sort());

    // The group's committed offsets cover every message (kafkajs commits after eachMessage resolved).
    const committedTotal = async () => {
      const committed = await admin.fetchOffsets({ groupId: 'roundtrip-group', topics: ['roundtrip'] });
      return committed[0]!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    };
    // (libs/testing builds on this launcher, so this test waits by itself rather than import it.)
    for (let i = 0; i < 100 && (await committedTotal()) !== sent.length; i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(await committedTotal()).toBe(sent.length);
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  });

  it('stops the broker by PID', async () => {
    const running = readRunning(dir);
    expect(running?.pid).toBe(kafka.pid);
    expect(await stopKafka(dir)).toBe(true);
    expect(() => process.kill(kafka.pid, 0)).toThrow();
    expect(readRunning(dir)).toBeUndefined();
  });
});
