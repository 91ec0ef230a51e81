import { encodeSipRecord, KafkaBus } from '@sipflow/bus';
import { createLogger } from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { getKafka, makeTempDir, pollUntil, samplePath, seedCallCopies } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCorrelator, untilSettled, type CorrelatorProcess } from './correlator-process';

/** Each stored call as the set of its SIP Call-IDs: what "the same call graph" means across stores. */
async function callsIn(dataDir: string): Promise<string[]> {
  const connection = await openStoreConnection({
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'sipflow',
    SIPFLOW_DATA_DIR: dataDir,
  });
  try {
    const store = new SipStore(connection);
    const calls = await store.searchCalls({ limit: 1000 });
    const graphs = await Promise.all(calls.map((c) => store.getCall(c.id)));
    return graphs.map((g) => `${g!.legs.length}:${[...g!.sipCallIds].sort().join(',')}`).sort();
  } finally {
    await connection.close();
  }
}

// Two correlators in one consumer group (each with its own embedded store, as chDB binds one
// directory per process) produce the same call graphs as one correlator alone.
describe('two correlator processes in one group', () => {
  const dirs = {
    single: makeTempDir('sipflow-single-'),
    a: makeTempDir('sipflow-pair-a-'),
    b: makeTempDir('sipflow-pair-b-'),
  };
  const running: CorrelatorProcess[] = [];
  afterAll(() => {
    for (const p of running) p.child.kill('SIGKILL');
    for (const d of Object.values(dirs)) d.remove();
  });

  it('write, between them, exactly the calls one process writes', async () => {
    const { brokers } = await getKafka();
    const suffix = `${process.pid}-${Date.now()}`;
    const raw = `raw-${suffix}`;
    const base = {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PARTITIONS: '6',
      SIP_RAW_TOPIC: raw,
      SIP_DEADLETTER_TOPIC: `dead-${suffix}`,
      DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json'),
    };
    const single = { ...base, CORRELATOR_GROUP_ID: `single-${suffix}`, SIP_LEGS_TOPIC: `legs-single-${suffix}` };
    const pair = { ...base, CORRELATOR_GROUP_ID: `pair-${suffix}`, SIP_LEGS_TOPIC: `legs-pair-${suffix}` };
    const procs = {
      single: await spawnCorrelator({ ...single, SIPFLOW_DATA_DIR: dirs.single.path }),
      a: await spawnCorrelator({ ...pair, SIPFLOW_DATA_DIR: dirs.a.path }),
      b: await spawnCorrelator({ ...pair, SIPFLOW_DATA_DIR: dirs.b.path }),
    };
    running.push(...Object.values(procs));
    // Both members must hold partitions before traffic flows (a rebalance later would also be fine,
    // but this makes the split certain).
    await new Promise((r) => setTimeout(r, 8000));

    const calls = 16;
    const records = seedCallCopies(calls, { startAtUs: Date.now() * 1000 - 3600_000_000, spacingUs: 200_000 });
    const bus = new KafkaBus({
      brokers,
      clientId: 'two-process-test',
      logger: createLogger({ level: 'error', service: 'test' }),
    });
    await bus.publish(
      raw,
      records.map((r) => ({ key: r.callId, value: encodeSipRecord(r) })),
    );
    await bus.close();

    await pollUntil(async () => (await procs.single.stats()).records >= records.length, {
      timeoutMs: 120_000,
      what: 'single',
    });
    await pollUntil(async () => (await procs.a.stats()).records + (await procs.b.stats()).records >= records.length, {
      timeoutMs: 120_000,
      what: 'pair',
    });
    const a = await procs.a.stats();
    const b = await procs.b.stats();
    // The partitions really were shared.
    expect(a.records).toBeGreaterThan(0);
    expect(b.records).toBeGreaterThan(0);
    await Promise.all([
      untilSettled(procs.single, 'callsWritten'),
      untilSettled(procs.a, 'callsWritten'),
      untilSettled(procs.b, 'callsWritten'),
    ]);
    for (const p of Object.values(procs)) p.child.kill('SIGTERM');
    await Promise.all(Object.values(procs).map((p) => p.exited));

    const reference = await callsIn(dirs.single.path);
    expect(reference).toHaveLength(calls);
    expect(reference.every((c) => c.startsWith('8:'))).toBe(true);
    const union = [...(await callsIn(dirs.a.path)), ...(await callsIn(dirs.b.path))].sort();
    expect(union).toEqual(reference);
  });
});
