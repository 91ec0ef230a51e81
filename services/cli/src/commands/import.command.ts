import { createBus, type Bus } from '@sipflow/bus';
import {
  boundedInflate,
  collectorConfig,
  createIngestCore,
  IMPORT_FORMATS,
  importFiles,
  loadDeviceMap,
  type ImportFormat,
  type ImportSummary,
} from '@sipflow/collector';
import {
  correlatorConfig,
  correlatorSettingsFrom,
  retentionFrom,
  sipflowTopics,
  startCorrelator,
} from '@sipflow/correlator';
import {
  busConfig,
  createLogger,
  loadConfig,
  logConfig,
  storeConfig,
  type ConfigOf,
  type Logger,
} from '@sipflow/platform';
import { DataDirLockedError, openStoreConnection, SipStore, type StoreConnection } from '@sipflow/store';
import { DeviceDirectory } from '@sipflow/sip';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';

export interface ImportOptions {
  data: string;
  format: string;
}

const importConfig = { ...logConfig, ...busConfig, ...storeConfig, ...collectorConfig, ...correlatorConfig };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * `sipflow import FILE...`: the collector's decoders and pipeline over files, counts on stdout.
 * With Kafka configured the records go to sip.raw.v1 for the correlator service; otherwise the
 * import correlates them itself, in-process, into the store (the embedded data directory, or
 * CLICKHOUSE_URL), and also reports dialogs and calls.
 */
export async function importCommand(files: string[], options: ImportOptions, io: CliIo): Promise<void> {
  if (!(IMPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new CliError(`sipflow import: --format must be one of ${IMPORT_FORMATS.join('|')}`, ExitCode.usage);
  }
  // The CLI speaks on stdout; its structured log stays quiet unless asked for.
  const config = loadConfig(importConfig, { LOG_LEVEL: 'warn', ...process.env, SIPFLOW_DATA_DIR: options.data });
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'sipflow-import' });
  const devices = config.DEVICE_MAP_FILE ? loadDeviceMap(config.DEVICE_MAP_FILE) : new DeviceDirectory();
  const bus = createBus(config, logger);
  const correlation = bus.kind === 'memory' ? await correlateInProcess(config, logger, bus, devices) : undefined;
  const core = createIngestCore({ config, logger, bus, devices });
  let summary: ImportSummary;
  try {
    summary = importFiles(files, {
      format: options.format as ImportFormat,
      pipeline: core.pipeline,
      inflate: boundedInflate,
    });
    if (!(await core.publisher.drained(120_000))) {
      throw new CliError('sipflow import: the bus did not take the records within 120 s (is Kafka reachable?)');
    }
  } finally {
    await core.publisher.close(1_000);
  }
  try {
    for (const f of summary.files) {
      io.out(
        f.error && f.records === 0
          ? `${f.file}: ${f.error}\n`
          : `${f.file}: ${f.format}, ${plural(f.records, 'record')}, ${plural(f.messages, 'SIP message')}, ${f.rejected} rejected${f.error ? ` (${f.error})` : ''}\n`,
      );
    }
    const t = summary.total;
    io.out(
      `total: ${plural(t.records, 'record')}, ${plural(t.messages, 'SIP message')}, ${plural(t.rejected, 'rejected input')} in ${plural(summary.files.length, 'file')}\n`,
    );
    if (correlation) {
      const { legs, calls, location } = await correlation.finish(t.records);
      io.out(`correlated: ${plural(legs, 'dialog')} (legs), ${plural(calls, 'call')}, stored in ${location}\n`);
    } else {
      io.out(`published to Kafka ${config.SIP_RAW_TOPIC} (rejected inputs to ${config.SIP_DEADLETTER_TOPIC})\n`);
    }
  } finally {
    await correlation?.close();
    await bus.close();
  }
  if (summary!.files.some((f) => f.error && f.records === 0)) {
    throw new CliError('sipflow import: some files could not be read', ExitCode.invalidInput);
  }
}

type ImportConfig = ConfigOf<typeof importConfig>;

/** The embedded path: a correlator on the in-process bus writing to the store, for this import only. */
async function correlateInProcess(config: ImportConfig, logger: Logger, bus: Bus, devices: DeviceDirectory) {
  let connection: StoreConnection;
  try {
    connection = await openStoreConnection(config, 'sipflow import');
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new CliError(error.message, ExitCode.failure);
    throw error;
  }
  const store = new SipStore(
    connection,
    { cluster: config.CLICKHOUSE_CLUSTER },
    { defaultCountry: config.NUMBER_DEFAULT_COUNTRY },
  );
  await store.migrate(retentionFrom(config));
  await bus.ensureTopics(sipflowTopics(config));
  // The input's own clock: a file of last week's calls closes and times out as it did then.
  const correlator = await startCorrelator({
    bus,
    store,
    logger,
    devices,
    settings: { ...correlatorSettingsFrom(config, 'input'), countDistinct: true },
  });
  return {
    async finish(records: number) {
      await correlator.whenProcessed(records, 600_000);
      await correlator.finish();
      const stats = correlator.stats();
      return { legs: stats.distinctLegs ?? 0, calls: stats.distinctCalls ?? 0, location: connection.location };
    },
    async close() {
      await correlator.close();
      await connection.close();
    },
  };
}
