import type { ClickHouseClient } from '@clickhouse/client';
import { MIGRATIONS, migrationsTable, retentionStatements } from './migrations';
import { onCluster, type Retention, type SchemaLayout } from './table-engine';

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

/** Applies the migrations not yet applied, in order, and records each; safe to run at every start. */
export async function migrate(
  client: ClickHouseClient,
  layout: SchemaLayout,
  retention: Retention,
): Promise<MigrationReport> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${migrationsTable(layout)}${onCluster(layout)} (
      version UInt32, description String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const rows = await (
    await client.query({ query: `SELECT max(version) AS v FROM ${migrationsTable(layout)}`, format: 'JSONEachRow' })
  ).json<{ v: number }>();
  const from = Number(rows[0]?.v ?? 0);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    for (const statement of migration.statements(layout, retention)) await client.command({ query: statement });
    await client.insert({
      table: migrationsTable(layout),
      values: [{ version: migration.version, description: migration.description, applied_at: Date.now() }],
      format: 'JSONEachRow',
    });
    applied.push(migration.version);
  }
  return { from, to: Math.max(from, ...applied), applied };
}

/** Re-applies the TTL of every table (retention changed by configuration or the admin API). */
export async function applyRetention(
  client: ClickHouseClient,
  layout: SchemaLayout,
  retention: Retention,
): Promise<void> {
  for (const statement of retentionStatements(layout, retention)) {
    await client.command({ query: statement, clickhouse_settings: { materialize_ttl_after_modify: 0 } });
  }
}
