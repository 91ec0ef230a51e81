import type { ClickHouseClient } from '@clickhouse/client';
import { MIGRATIONS, migrationsTable, retentionStatements, type Migration } from './migrations';
import { onCluster, type Retention, type SchemaLayout } from './table-engine';

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

/**
 * Applies every migration not yet applied, in version order, and records each; safe to run at every
 * start. Judged by the set of applied versions, not the highest: branches add migrations in parallel
 * (the API's 2 may reach a database after 3), and a gap is filled when it arrives.
 */
export async function migrate(
  client: ClickHouseClient,
  layout: SchemaLayout,
  retention: Retention,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${migrationsTable(layout)}${onCluster(layout)} (
      version UInt32, description String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const rows = await (
    await client.query({ query: `SELECT DISTINCT version FROM ${migrationsTable(layout)}`, format: 'JSONEachRow' })
  ).json<{ version: number }>();
  const done = new Set(rows.map((r) => Number(r.version)));
  const from = Math.max(0, ...done);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
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
