import { encodeSipRecord, MemoryBus } from '@sipflow/bus';
import { createLogger } from '@sipflow/platform';
import { CorrectionStore, openStoreConnection, SipStore, type StoreConnection } from '@sipflow/store';
import { makeTempDir, pollUntil, seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCorrelator, type CorrelatorHandle } from '../src/correlator.service';

// A correction written to the store by someone else (the CLI or the API of another process) reaches
// the running correlator, which re-assembles the call with it: the seed call (samples/seed-call) on
// the in-process bus and the embedded ClickHouse engine.
describe('correlator: corrections made by hand are reloaded and applied', () => {
  const dir = makeTempDir('sipflow-correlator-corrections-');
  const logger = createLogger({ level: 'warn', service: 'correlator-corrections-test' });
  const bus = new MemoryBus();
  let connection: StoreConnection;
  let store: SipStore;
  let correlator: CorrelatorHandle;

  beforeAll(async () => {
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
        groupId: 'correlator',
        rawTopic: 'raw',
        legsTopic: 'legs',
        deadLetterTopic: 'dead',
        flushIntervalMs: 100,
        clock: 'input',
        options: {},
        correctionsReloadMs: 100,
      },
    });
  });
  afterAll(async () => {
    await correlator?.close();
    await bus.close();
    await connection?.close();
    dir.remove();
  });

  it('splits the call it holds when a split appears in the store, and joins it back when withdrawn', async () => {
    const records = seedCallRecords({ startAtUs: Date.now() * 1000 - 3600_000_000 });
    await bus.publish(
      'raw',
      records.map((r) => ({ key: r.callId, value: encodeSipRecord(r) })),
    );
    await correlator.whenProcessed(records.length, 60_000);
    await correlator.finish();
    const [whole] = await store.searchCalls({ limit: 10 });
    expect(whole!.legs).toBe(8);
    const recording = (await store.getCall(whole!.id))!.legs.find((l) => l.uas.id === 'rec-1')!;

    const corrections = new CorrectionStore(store);
    const split = {
      id: 'split-1',
      action: 'split' as const,
      legs: [recording.id],
      calls: [whole!.id],
      reason: 'recorder of another customer',
      author: 'alice',
      at: Date.now() * 1000,
    };
    await corrections.add(split);
    const legsNow = async () => (await store.searchCalls({ limit: 10 })).map((c) => c.legs).sort((a, b) => b - a);
    await pollUntil(async () => (await legsNow()).join() === '7,1', { timeoutMs: 30_000 });
    const alone = (await store.searchCalls({ limit: 10 })).find((c) => c.legs === 1)!;
    expect((await store.getCall(alone.id))!.corrections?.[0]).toMatchObject({ id: 'split-1', author: 'alice' });

    await corrections.revoke(split);
    await pollUntil(async () => (await legsNow()).join() === '8', { timeoutMs: 30_000 });
    expect((await store.getCall(whole!.id))!.corrections).toBeUndefined();
  });
});
