import { encodeSipRecord, KafkaBus } from '@sipflow/bus';
import { createLogger } from '@sipflow/platform';
import { openStoreConnection, SipStore, type StoreConnection } from '@sipflow/store';
import { getKafka, makeTempDir, seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCorrelator, type CorrelatorHandle } from '../src/correlator.service';

// The correlator in-process against a real Kafka and the embedded ClickHouse engine.
describe('correlator: Kafka → correlation → ClickHouse', () => {
  const dir = makeTempDir('sipflow-correlator-');
  const suffix = `${process.pid}-${Date.now()}`;
  const topics = { raw: `raw-${suffix}`, legs: `legs-${suffix}`, dead: `dead-${suffix}` };
  const logger = createLogger({ level: 'warn', service: 'correlator-test' });
  let bus: KafkaBus;
  let connection: StoreConnection;
  let store: SipStore;
  let correlator: CorrelatorHandle;

  beforeAll(async () => {
    const { brokers } = await getKafka();
    bus = new KafkaBus({ brokers, clientId: 'correlator-test', logger });
    await bus.ensureTopics([
      { topic: topics.raw, partitions: 4 },
      { topic: topics.legs, partitions: 2 },
      { topic: topics.dead, partitions: 1 },
    ]);
    connection = await openStoreConnection({
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'sipflow',
      SIPFLOW_DATA_DIR: dir.path,
    });
    store = new SipStore(connection);
    await store.migrate({ messagesDays: 7, aggregatesDays: 90, auditDays: 365 });
    correlator = await startCorrelator({
      bus,
      store,
      logger,
      devices: seedCallDevices(),
      settings: {
        groupId: `correlator-${suffix}`,
        rawTopic: topics.raw,
        legsTopic: topics.legs,
        deadLetterTopic: topics.dead,
        flushIntervalMs: 200,
        clock: 'input',
        options: {},
      },
    });
  });
  afterAll(async () => {
    await correlator?.close();
    await bus?.close();
    await connection?.close();
    dir.remove();
  });

  it('turns the seed call records into one stored call of 8 legs, and dead-letters garbage', async () => {
    const records = seedCallRecords({ startAtUs: Date.now() * 1000 - 3600_000_000 });
    await bus.publish(
      topics.raw,
      records.map((r) => ({ key: r.callId, value: encodeSipRecord(r) })),
    );
    await bus.publish(topics.raw, [{ key: 'junk', value: Buffer.from('definitely not protobuf') }]);
    await correlator.whenProcessed(records.length + 1, 90_000);
    await correlator.finish();

    const calls = await store.searchCalls({ limit: 10 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.legs).toBe(8);
    expect(new Set(calls[0]!.sipCallIds)).toEqual(new Set(seedCallExpectation().legs.map((l) => l.callId)));
    const call = (await store.getCall(calls[0]!.id))!;
    expect(await store.messagesOf(call.sipCallIds, call.start, call.end)).toHaveLength(records.length);
    expect(correlator.stats()).toMatchObject({ stored: records.length, duplicates: 0 });

    const dead: string[] = [];
    const sub = await bus.subscribe({
      groupId: `dead-reader-${suffix}`,
      topics: [topics.dead],
      handler: async (b) => void dead.push(...b.messages.map((m) => m.value.toString('latin1'))),
    });
    const deadline = Date.now() + 30_000;
    while (dead.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await sub.stop();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toContain('not a SipRecord');
    expect(dead[0]).toContain('definitely not protobuf');
  });
});
