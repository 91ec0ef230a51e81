import { makeTempDir } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreConnection, type StoreConnection } from '../src/connection';
import { migrate } from '../src/schema/migrate';
import type { Migration } from '../src/schema/migrations';

const retention = { messagesDays: 7, aggregatesDays: 90, auditDays: 365 };
const layout = { database: 'sipflow_migrate_test' };
const table = (version: number): Migration => ({
  version,
  description: `table ${version}`,
  statements: () => [
    `CREATE TABLE IF NOT EXISTS sipflow_migrate_test.t${version} (x UInt8) ENGINE = MergeTree ORDER BY x`,
  ],
});

// Branches add migrations in parallel (the API's 2, diagnostics' 3): a database that got 3 first
// must still get 2 when it arrives, on the real engine.
describe('migrate', () => {
  const dir = makeTempDir('sipflow-migrate-');
  let connection: StoreConnection;

  beforeAll(async () => {
    connection = await openStoreConnection({
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
      CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
      CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
      CLICKHOUSE_DATABASE: layout.database,
      SIPFLOW_DATA_DIR: dir.path,
    });
  });
  afterAll(async () => {
    await connection?.client.command({ query: `DROP DATABASE IF EXISTS ${layout.database}` });
    await connection?.close();
    dir.remove();
  });

  it('applies every version not yet applied, in order, including one below the highest applied', async () => {
    const client = connection.client;
    expect((await migrate(client, layout, retention, [table(1), table(3)])).applied).toEqual([1, 3]);
    expect(await migrate(client, layout, retention, [table(3), table(2), table(1)])).toEqual({
      from: 3,
      to: 3,
      applied: [2],
    });
    expect((await migrate(client, layout, retention, [table(1), table(2), table(3)])).applied).toEqual([]);
    const tables = await (
      await client.query({
        query: `SELECT name FROM system.tables WHERE database = {db:String} AND startsWith(name, 't') ORDER BY name`,
        query_params: { db: layout.database },
        format: 'JSONEachRow',
      })
    ).json<{ name: string }>();
    expect(tables.map((t) => t.name)).toEqual(['t1', 't2', 't3']);
  });
});
