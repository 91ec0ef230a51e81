import { makeTempDir } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreConnection, type StoreConnection } from '../src/connection';
import { formatTimestampUs } from '../src/rows/time';
import { SipStore } from '../src/sip-store';

// The sipflow schema's TTLs on the real engine: rows stored longer ago than the retention go at the
// next merge; an operator's new retention applies to the existing tables.
describe('retention (TTL) of the sipflow tables', () => {
  const dir = makeTempDir('sipflow-retention-');
  let connection: StoreConnection;
  let store: SipStore;

  beforeAll(async () => {
    connection = await openStoreConnection({
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
      CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
      CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
      CLICKHOUSE_DATABASE: 'sipflow_retention_test',
      SIPFLOW_DATA_DIR: dir.path,
    });
    store = new SipStore(connection);
    await store.migrate({ messagesDays: 3, aggregatesDays: 90, auditDays: 365 });
  });
  afterAll(async () => {
    await connection?.client.command({ query: 'DROP DATABASE IF EXISTS sipflow_retention_test' });
    await connection?.close();
    dir.remove();
  });

  const count = async (table: string) =>
    Number(
      (
        await (
          await connection.client.query({
            query: `SELECT count() AS n FROM sipflow_retention_test.${table}`,
            format: 'JSONEachRow',
          })
        ).json<{ n: string }>()
      )[0]!.n,
    );
  const isoDaysAgo = (days: number) =>
    new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');

  it('drops messages and calls stored longer ago than the retention, keeps the rest, whenever they were captured', async () => {
    const message = (id: string, ingested: string) => ({
      record_id: id,
      ts: formatTimestampUs(Date.UTC(2006, 5, 26) * 1000), // an old capture, imported now
      call_id: `call-${id}`,
      raw: 'OPTIONS sip:x SIP/2.0\r\n\r\n',
      ingested,
    });
    await connection.client.insert({
      table: 'sipflow_retention_test.sip_messages',
      values: [message('old', isoDaysAgo(5)), message('recent', isoDaysAgo(1))],
      format: 'JSONEachRow',
    });
    await connection.client.insert({
      table: 'sipflow_retention_test.sip_calls',
      values: [
        { call_id: 'c-old', version: 1, ingested: isoDaysAgo(4) },
        { call_id: 'c-new', version: 1, ingested: isoDaysAgo(0) },
      ],
      format: 'JSONEachRow',
    });
    // Expired rows may already be gone at insert (ClickHouse applies TTL when it writes a part).
    await store.optimize('sip_messages');
    await store.optimize('sip_calls');
    expect(await count('sip_messages')).toBe(1);
    expect(await count('sip_calls')).toBe(1);

    // A longer retention set by the operator keeps what the old one would have dropped.
    await store.applyRetention({ messagesDays: 10, aggregatesDays: 90, auditDays: 365 });
    await connection.client.insert({
      table: 'sipflow_retention_test.sip_messages',
      values: [message('five-days', isoDaysAgo(5))],
      format: 'JSONEachRow',
    });
    await store.optimize('sip_messages');
    expect(await count('sip_messages')).toBe(2);
  });
});
