import { encodeSipRecord, KafkaBus } from '@sipflow/bus';
import { createLogger } from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { copyOf, getKafka, makeTempDir, pollUntil, samplePath, seedCallCopies } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCorrelator, untilSettled, type CorrelatorProcess } from './correlator-process';

// kill -9 in the middle of the stream and start again: nothing lost, nothing stored twice.
describe('correlator killed with -9 and restarted', () => {
  const data = makeTempDir('sipflow-restart-');
  const suffix = `${process.pid}-${Date.now()}`;
  const running: CorrelatorProcess[] = [];
  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    data.remove();
  });

  it('stores every record once and every call whole', async () => {
    const { brokers } = await getKafka();
    const logger = createLogger({ level: 'error', service: 'restart-test' });
    const bus = new KafkaBus({ brokers, clientId: 'restart-test', logger });
    const env = {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PARTITIONS: '4',
      SIP_RAW_TOPIC: `raw-${suffix}`,
      SIP_LEGS_TOPIC: `legs-${suffix}`,
      SIP_DEADLETTER_TOPIC: `dead-${suffix}`,
      CORRELATOR_GROUP_ID: `restart-${suffix}`,
      SIPFLOW_DATA_DIR: data.path,
      DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json'),
    };
    const calls = 6;
    const records = seedCallCopies(calls, { startAtUs: Date.now() * 1000 - 3600_000_000, spacingUs: 1_000_000 });
    // Every call is half delivered before the kill, so the restarted process must reload its history.
    const first = records.filter((_, i) => i % 2 === 0);
    const second = records.filter((_, i) => i % 2 === 1);
    const publish = (batch: typeof records) =>
      bus.publish(
        env.SIP_RAW_TOPIC,
        batch.map((r) => ({ key: r.callId, value: encodeSipRecord(r) })),
      );

    const one = await spawnCorrelator(env);
    running.push(one);
    await publish(first);
    await pollUntil(async () => (await one.stats()).records >= first.length, {
      timeoutMs: 90_000,
      what: 'first half processed',
    });
    one.child.kill('SIGKILL');
    expect(await one.exited).toBe('SIGKILL');

    await publish(second);
    const two = await spawnCorrelator(env);
    running.push(two);
    await pollUntil(async () => (await two.stats()).records >= second.length, {
      timeoutMs: 90_000,
      what: 'second half processed',
    });
    await untilSettled(two, 'callsWritten');
    two.child.kill('SIGTERM');
    expect(await two.exited).toBe('0');
    await bus.close();

    const connection = await openStoreConnection({
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'sipflow',
      SIPFLOW_DATA_DIR: data.path,
    });
    try {
      const rows = await (
        await connection.client.query({
          query: 'SELECT count() AS n, uniqExact(record_id) AS distinct FROM sipflow.sip_messages',
          format: 'JSONEachRow',
        })
      ).json<{ n: string | number; distinct: string | number }>();
      expect([Number(rows[0]!.n), Number(rows[0]!.distinct)]).toEqual([records.length, records.length]);
      const store = new SipStore(connection);
      const stored = await store.searchCalls({ limit: 100 });
      expect(stored).toHaveLength(calls);
      expect(stored.map((c) => c.legs)).toEqual(Array(calls).fill(8));
      for (const call of stored) expect(new Set(call.sipCallIds.map(copyOf)).size).toBe(1);
    } finally {
      await connection.close();
    }
  });
});
