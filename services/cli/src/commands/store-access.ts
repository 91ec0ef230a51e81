import { userInfo } from 'node:os';
import { loadConfig, logConfig, numberConfig, storeConfig } from '@sipflow/platform';
import type { CallGraph } from '@sipflow/correlation';
import { DataDirLockedError, openStoreConnection, SipStore } from '@sipflow/store';
import { CliError, ExitCode } from '../cli-error';

const shape = { ...logConfig, ...storeConfig, ...numberConfig };

/** Retention from configuration, as every process applies it. */
export function retentionOf(config: {
  RETENTION_MESSAGES_DAYS: number;
  RETENTION_AGGREGATES_DAYS: number;
  RETENTION_AUDIT_DAYS: number;
}) {
  return {
    messagesDays: config.RETENTION_MESSAGES_DAYS,
    aggregatesDays: config.RETENTION_AGGREGATES_DAYS,
    auditDays: config.RETENTION_AUDIT_DAYS,
  };
}

/**
 * Runs a read command against the store: the ClickHouse server of CLICKHOUSE_URL, or the embedded
 * engine in `dataDir`. chDB binds a data directory to one process, so a directory held by a
 * running `sipflow start` is refused with the holder's pid rather than opened twice.
 */
export async function withStore<T>(
  dataDir: string,
  command: string,
  work: (store: SipStore) => Promise<T>,
): Promise<T> {
  const config = loadConfig(shape, { ...process.env, SIPFLOW_DATA_DIR: dataDir });
  let connection;
  try {
    connection = await openStoreConnection(config, `sipflow ${command}`);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new CliError(error.message, ExitCode.failure);
    throw error;
  }
  try {
    const store = new SipStore(
      connection,
      { cluster: config.CLICKHOUSE_CLUSTER },
      { defaultCountry: config.NUMBER_DEFAULT_COUNTRY },
    );
    await store.migrate(retentionOf(config));
    return await work(store);
  } finally {
    await connection.close();
  }
}

/** ISO 8601 (or a bare date) → µs since the epoch; a usage error names the option. */
export function parseTime(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliError(`${option}: not an ISO 8601 time: ${value}`, ExitCode.usage);
  return ms * 1000;
}

export const isoOf = (us: number) => new Date(Math.floor(us / 1000)).toISOString();

/** A call by its sipflow id, or by any SIP Call-ID it contains. */
export async function findCall(store: SipStore, ref: string): Promise<CallGraph | undefined> {
  const direct = await store.getCall(ref);
  if (direct) return direct;
  const [byCallId] = await store.searchCalls({ limit: 1, sipCallId: ref });
  return byCallId ? store.getCall(byCallId.id) : undefined;
}

/** The command line's user, as the audit log names who did something from a shell on the host. */
export function cliActor(author: string | undefined) {
  const subject = author?.trim() || process.env.SIPFLOW_USER || userInfo().username;
  return { subject, roles: ['engineer'], peer: 'cli' };
}
