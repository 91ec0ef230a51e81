import { makeTempDir } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreConnection, type StoreConnection } from '../src/connection';

// Against CLICKHOUSE_URL when set, else the embedded chDB engine in a fresh data directory.
describe('ClickHouse store connection', () => {
  const dir = makeTempDir('sipflow-store-');
  let store: StoreConnection;

  beforeAll(async () => {
    store = await openStoreConnection({
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
      CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
      CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
      CLICKHOUSE_DATABASE: 'sipflow_ttl_test',
      SIPFLOW_DATA_DIR: dir.path,
    });
  });
  afterAll(async () => {
    await store?.client.command({ query: 'DROP DATABASE IF EXISTS sipflow_ttl_test' });
    await store?.close();
    dir.remove();
  });

  it('creates a MergeTree table with a TTL, inserts, reads back with bound parameters, and expires old rows', async () => {
    const { client } = store;
    await client.command({
      query: `CREATE TABLE sipflow_ttl_test.probe (
        ts DateTime64(6, 'UTC'), call_id String, status UInt16
      ) ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (call_id, ts)
      TTL toDateTime(ts) + INTERVAL 1 DAY`,
    });
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    await client.insert({
      table: 'sipflow_ttl_test.probe',
      format: 'JSONEachRow',
      values: [
        { ts: iso(now - 3 * 86_400_000), call_id: 'old@example.com', status: 200 },
        { ts: iso(now), call_id: 'new@example.com', status: 486 },
      ],
    });
    const read = async (callId: string) =>
      (
        await client.query({
          query: 'SELECT call_id, status FROM sipflow_ttl_test.probe WHERE call_id = {callId:String}',
          query_params: { callId },
          format: 'JSONEachRow',
        })
      ).json<{ call_id: string; status: number }>();

    expect(await read('new@example.com')).toEqual([{ call_id: 'new@example.com', status: 486 }]);
    // A bound parameter is a value, never SQL.
    expect(await read("x' OR 1=1 --")).toEqual([]);

    await client.command({ query: 'OPTIMIZE TABLE sipflow_ttl_test.probe FINAL' });
    const remaining = await (
      await client.query({
        query: 'SELECT call_id FROM sipflow_ttl_test.probe ORDER BY call_id',
        format: 'JSONEachRow',
      })
    ).json<{ call_id: string }>();
    expect(remaining.map((r) => r.call_id)).toEqual(['new@example.com']);
    expect(store.kind).toBe(process.env.CLICKHOUSE_URL ? 'server' : 'embedded');
  });
});
