import { quoteIdentifier } from '../connection';

/** How the tables are laid out: one node (embedded chDB or a single server) or a replicated cluster. */
export interface SchemaLayout {
  database: string;
  /** ClickHouse cluster name for ON CLUSTER DDL, ReplicatedMergeTree and Distributed tables. */
  cluster?: string;
}

export interface Retention {
  messagesDays: number;
  aggregatesDays: number;
  auditDays: number;
}

/**
 * The engine clause for a table: `Replacing`/`Summing`/plain MergeTree on one node, the
 * Replicated variant on a cluster (with the conventional {shard}/{replica} macros, as the
 * Altinity operator defines them).
 */
export function engine(
  layout: SchemaLayout,
  table: string,
  family: '' | 'Replacing' | 'Summing' | 'Aggregating',
  args = '',
): string {
  if (!layout.cluster) return `${family}MergeTree(${args})`;
  const path = `'/clickhouse/tables/{shard}/${layout.database}/${table}', '{replica}'`;
  return `Replicated${family}MergeTree(${path}${args ? `, ${args}` : ''})`;
}

export const onCluster = (layout: SchemaLayout) =>
  layout.cluster ? ` ON CLUSTER ${quoteIdentifier(layout.cluster)}` : '';

/** The name queries use: the Distributed table on a cluster, the table itself on one node. */
export function tableName(layout: SchemaLayout, table: string): string {
  return `${quoteIdentifier(layout.database)}.${quoteIdentifier(layout.cluster ? `${table}_all` : table)}`;
}

/** The local table (for DDL, OPTIMIZE and TTL changes). */
export function localTable(layout: SchemaLayout, table: string): string {
  return `${quoteIdentifier(layout.database)}.${quoteIdentifier(table)}`;
}

/** On a cluster, a Distributed table over the local ones, sharded by a stable key. */
export function distributed(layout: SchemaLayout, table: string, shardKey: string): string[] {
  if (!layout.cluster) return [];
  return [
    `CREATE TABLE IF NOT EXISTS ${tableName(layout, table)}${onCluster(layout)} AS ${localTable(layout, table)} ` +
      `ENGINE = Distributed(${quoteIdentifier(layout.cluster)}, ${quoteIdentifier(layout.database)}, ${quoteIdentifier(table)}, ${shardKey})`,
  ];
}
