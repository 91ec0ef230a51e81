import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { lockDataDir } from './data-dir-lock';

type ChdbClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export interface StoreSettings {
  CLICKHOUSE_URL?: string;
  CLICKHOUSE_USER: string;
  CLICKHOUSE_PASSWORD: string;
  CLICKHOUSE_DATABASE: string;
  SIPFLOW_DATA_DIR: string;
}

export interface StoreConnection {
  client: ClickHouseClient;
  kind: 'server' | 'embedded';
  /** Database holding sipflow's tables; every query names it explicitly. */
  database: string;
  /** Where the data lives: the server URL or the embedded data directory. */
  location: string;
  close(): Promise<void>;
}

/**
 * One client API for both shapes: `@clickhouse/client` against a ClickHouse server when
 * CLICKHOUSE_URL is set, else the embedded chDB engine (ClickHouse in-process) bound to the data
 * directory through `chdb/connection`. chDB binds one data directory per process.
 */
export async function openStoreConnection(settings: StoreSettings, holder = 'sipflow'): Promise<StoreConnection> {
  const database = settings.CLICKHOUSE_DATABASE;
  if (settings.CLICKHOUSE_URL) {
    const client = createClient({
      url: settings.CLICKHOUSE_URL,
      username: settings.CLICKHOUSE_USER,
      password: settings.CLICKHOUSE_PASSWORD,
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)}` });
    return { client, kind: 'server', database, location: settings.CLICKHOUSE_URL, close: () => client.close() };
  }
  const dataDir = resolve(settings.SIPFLOW_DATA_DIR);
  const release = lockDataDir(dataDir, holder);
  const path = resolve(dataDir, 'clickhouse');
  mkdirSync(path, { recursive: true });
  // Loaded lazily so a server-only deployment never maps the embedded engine into memory.
  const { createChdbConnection } = await import('chdb/connection');
  // chdb/connection is typed against @clickhouse/client-common, which the client bundles its own
  // copy of; the shapes agree, the declarations do not.
  const connection = createChdbConnection({ path }) as unknown as ChdbClientConnection;
  const client = createClient({ connection });
  try {
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)}` });
  } catch (error) {
    release();
    throw error;
  }
  const close = async () => {
    await client.close();
    release();
  };
  return { client, kind: 'embedded', database, location: path, close };
}

/**
 * Quotes a ClickHouse identifier that comes from configuration (never from a user request; user
 * values are always bound parameters).
 */
export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `\`${name}\``;
}
