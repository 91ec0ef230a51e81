import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSipRecord, KafkaBus } from '@sipflow/bus';
import { startCorrelator } from '@sipflow/correlator';
import { startKafka, stopKafka } from '@sipflow/deploy-local';
import { createLogger } from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { seedCallCopies, seedCallDevices } from '@sipflow/testing';

/**
 * Records published to Kafka first, then one in-process correlator drains them into the embedded
 * ClickHouse engine: the sustained rate of the consume → correlate → store → commit loop.
 */
export async function endToEnd(calls: number) {
  const kafkaDir = mkdtempSync(join(tmpdir(), 'sipflow-bench-kafka-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'sipflow-bench-data-'));
  const logger = createLogger({ level: 'error', service: 'bench' });
  const external = process.env.KAFKA_BROKERS?.split(',');
  const brokers = external ?? [(await startKafka({ dir: kafkaDir })).bootstrap];
  const suffix = `${process.pid}-${Date.now()}`;
  const topics = { raw: `bench-raw-${suffix}`, legs: `bench-legs-${suffix}`, dead: `bench-dead-${suffix}` };
  const bus = new KafkaBus({ brokers, clientId: 'bench', logger });
  try {
    await bus.ensureTopics([
      { topic: topics.raw, partitions: 6 },
      { topic: topics.legs, partitions: 6 },
      { topic: topics.dead, partitions: 1 },
    ]);
    const records = seedCallCopies(calls, { startAtUs: Date.now() * 1000 - 3600_000_000, spacingUs: 100_000 });
    for (let i = 0; i < records.length; i += 5000) {
      await bus.publish(
        topics.raw,
        records.slice(i, i + 5000).map((r) => ({ key: r.callId, value: encodeSipRecord(r) })),
      );
    }
    const connection = await openStoreConnection({
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'sipflow',
      SIPFLOW_DATA_DIR: dataDir,
    });
    const store = new SipStore(connection);
    await store.migrate({ messagesDays: 7, aggregatesDays: 90, auditDays: 365 });
    const t0 = Date.now();
    const correlator = await startCorrelator({
      bus,
      store,
      logger,
      devices: seedCallDevices(),
      settings: {
        groupId: `bench-${suffix}`,
        rawTopic: topics.raw,
        legsTopic: topics.legs,
        deadLetterTopic: topics.dead,
        flushIntervalMs: 1000,
        clock: 'wall',
        options: {},
      },
    });
    await correlator.whenProcessed(records.length, 600_000);
    const seconds = (Date.now() - t0) / 1000;
    await correlator.finish();
    const stored = await store.searchCalls({ limit: 1000 });
    await correlator.close();
    await connection.close();
    return {
      messages: records.length,
      seconds,
      perSecond: records.length / seconds,
      calls: stored.length === 1000 ? '≥1000' : String(stored.length),
      kafka: external ? 'KAFKA_BROKERS' : 'local KRaft broker',
    };
  } finally {
    await bus.close();
    if (!external) await stopKafka(kafkaDir);
    rmSync(kafkaDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
