import { Correlator, type CorrelationOutput, type ObservedRecord } from '@sipflow/correlation';
import { makeTempDir, seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreConnection, type StoreConnection } from '../src/connection';
import { MIGRATIONS } from '../src/schema/migrations';
import { SipStore } from '../src/sip-store';

const retention = { messagesDays: 7, aggregatesDays: 90, auditDays: 365 };

// The seed call (samples/seed-call) through correlation into a real ClickHouse engine: chDB in a
// temp directory, or CLICKHOUSE_URL when set.
describe('SipStore with the seed call', () => {
  const dir = makeTempDir('sipflow-store-');
  let connection: StoreConnection;
  let store: SipStore;
  let observed: ObservedRecord[];
  let output: CorrelationOutput;

  beforeAll(async () => {
    connection = await openStoreConnection({
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
      CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
      CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
      CLICKHOUSE_DATABASE: 'sipflow_store_test',
      SIPFLOW_DATA_DIR: dir.path,
    });
    store = new SipStore(connection);
    const first = await store.migrate(retention);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await store.migrate(retention)).applied).toEqual([]);
    // Moved to an hour ago, so the 7-day TTL keeps it whenever the test runs.
    const records = seedCallRecords({ startAtUs: Date.now() * 1000 - 3600_000_000 });
    const correlator = new Correlator({}, seedCallDevices());
    observed = correlator.add(records).accepted;
    output = correlator.flushAll();
    await store.write({ messages: observed, ...output, removedCalls: output.removedCalls });
  });
  afterAll(async () => {
    await connection?.client.command({ query: 'DROP DATABASE IF EXISTS sipflow_store_test' });
    await connection?.close();
    dir.remove();
  });

  it('finds the call by the caller number in any form: exact, prefix, suffix', async () => {
    const exact = await store.searchCalls({ limit: 10, number: '441632960123' });
    expect(exact.map((c) => c.legs)).toEqual([8]);
    expect(exact[0]!.outcome).toBe('answered');
    expect(exact[0]!.sipCallIds).toHaveLength(8);
    expect(await store.searchCalls({ limit: 10, number: '4416329', numberMatch: 'prefix' })).toHaveLength(1);
    expect(await store.searchCalls({ limit: 10, number: '960123', numberMatch: 'suffix' })).toHaveLength(1);
    expect(await store.searchCalls({ limit: 10, number: '999999', numberMatch: 'suffix' })).toHaveLength(0);
  });

  it('finds the call by a number as people type it: national, international, bare country code, last digits', async () => {
    for (const number of [
      '01632 960123',
      '+44 1632 960123',
      '441632960123',
      '0044 1632 960123',
      '960123',
      '1632960123',
    ]) {
      const found = await store.searchCalls({ limit: 10, number });
      expect(
        found.map((c) => c.legs),
        number,
      ).toEqual([8]);
    }
    // The index holds the national form beside the international one (samples/seed-call: 07700 900123).
    const keys = await (
      await store.client.query({
        query: `SELECT key FROM sipflow_store_test.sip_numbers WHERE key IN ('n:447700900123', 'n:07700900123', 'r:32100900770')`,
        format: 'JSONEachRow',
      })
    ).json<{ key: string }>();
    expect(keys.map((k) => k.key).sort()).toEqual(['n:07700900123', 'n:447700900123', 'r:32100900770']);
    expect(await store.searchCalls({ limit: 10, number: '01632 960999 9' })).toHaveLength(0);
    expect(await store.searchCalls({ limit: 10, number: 'not a number' })).toHaveLength(0);
  });

  it('follows a number live: changed calls touching it, in any form it is typed', async () => {
    const all = await store.callsChangedSince(0, 100);
    expect(all.length).toBeGreaterThan(0);
    for (const number of ['01632 960123', '+44 7700 900123', '960999'])
      expect(
        (await store.callsChangedSince(0, 100, number)).map((c) => c.legs),
        number,
      ).toEqual([8]);
    expect(await store.callsChangedSince(0, 100, '07700 900999')).toEqual([]);
    expect(await store.callsChangedSince(Math.max(...all.map((c) => c.version)), 100, '01632 960123')).toEqual([]);
  });

  it('filters by device and finding, and never by an injected string', async () => {
    expect(await store.searchCalls({ limit: 10, device: 'rec-1' })).toHaveLength(1);
    expect(await store.searchCalls({ limit: 10, device: "rec-1' OR 1=1 --" })).toHaveLength(0);
    expect(await store.searchCalls({ limit: 10, finding: 'retransmissions' })).toHaveLength(1);
    expect(await store.searchCalls({ limit: 10, finding: 'auth-loop' })).toHaveLength(0);
  });

  it('applies access constraints on top of any filter', async () => {
    expect(await store.searchCalls({ limit: 10, allowed: { numbers: ['447700900999'] } })).toHaveLength(0);
    expect(await store.searchCalls({ limit: 10, allowed: { numberPrefixes: ['44163296'] } })).toHaveLength(1);
    expect(await store.searchCalls({ limit: 10, device: 'cs-b', allowed: { devices: ['rec-2'] } })).toHaveLength(1);
    expect(await store.searchCalls({ limit: 10, allowed: { devices: ['elsewhere'] } })).toHaveLength(0);
  });

  it('returns the call graph and every observation of its messages, bytes intact', async () => {
    const [summary] = await store.searchCalls({ limit: 1 });
    const call = await store.getCall(summary!.id);
    expect(call?.legs).toHaveLength(8);
    const messages = await store.messagesOf(call!.sipCallIds, call!.start, call!.end);
    expect(messages).toHaveLength(observed.length);
    const original = observed.find((o) => o.record.recordId === messages[0]!.recordId)!;
    expect(Buffer.from(messages[0]!.raw).equals(Buffer.from(original.record.raw))).toBe(true);
    expect((await store.getMessage(messages[5]!.recordId))?.fingerprint).toBe(messages[5]!.fingerprint);
  });

  it('skips records already stored when a batch is replayed', async () => {
    const again = await store.write({
      messages: observed,
      legs: [],
      removedLegs: [],
      calls: output.calls,
      removedCalls: [],
    });
    expect(again).toEqual({ messages: 0, skipped: observed.length });
    const [summary] = await store.searchCalls({ limit: 1 });
    const call = await store.getCall(summary!.id);
    expect(await store.messagesOf(call!.sipCallIds, call!.start, call!.end)).toHaveLength(observed.length);
    expect(await store.searchCalls({ limit: 10 })).toHaveLength(1);
  });

  it('rolls response codes up per minute and device', async () => {
    const [summary] = await store.searchCalls({ limit: 1 });
    const rates = await store.responseCodeRates(summary!.start - 60_000_000, summary!.end + 60_000_000, 'hour');
    const total = (status: number) => rates.filter((r) => r.status === status).reduce((n, r) => n + r.count, 0);
    const observedResponses = (status: number) => observed.filter((o) => o.facts.status === status).length;
    expect(total(200)).toBe(observedResponses(200));
    expect(total(487)).toBe(observedResponses(487));
    expect(total(401)).toBe(2); // logged by cs-c (Tx) and cs-b (Rx)
    expect(rates.find((r) => r.status === 401)?.method).toBe('INVITE');
  });

  it('hides a call that merged into another behind a tombstone', async () => {
    const [summary] = await store.searchCalls({ limit: 1 });
    await store.write({ messages: [], legs: [], removedLegs: [], calls: [], removedCalls: [summary!.id] });
    expect(await store.getCall(summary!.id)).toBeUndefined();
    expect(await store.searchCalls({ limit: 10 })).toHaveLength(0);
    await store.write({ messages: [], legs: [], removedLegs: [], calls: output.calls, removedCalls: [] });
    expect(await store.searchCalls({ limit: 10 })).toHaveLength(1);
  });

  it('names the stored calls a call supersedes: those holding one of its legs under another id', async () => {
    const [whole] = output.calls;
    // What a process that died early wrote: the call before its last leg joined, under another id.
    const partial = { ...whole!, id: 'partial-call', legs: whole!.legs.slice(-1) };
    const unrelated = { ...whole!, id: 'unrelated', legs: [{ ...whole!.legs[0]!, id: 'another-leg' }] };
    await store.write({ messages: [], legs: [], removedLegs: [], calls: [partial, unrelated], removedCalls: [] });
    expect(await store.supersededBy([whole!])).toEqual(['partial-call']);
    expect(await store.supersededBy([partial])).toEqual([whole!.id]);
    await store.write({
      messages: [],
      legs: [],
      removedLegs: [],
      calls: [],
      removedCalls: ['partial-call', 'unrelated'],
    });
    expect(await store.supersededBy([whole!])).toEqual([]);
  });
});
