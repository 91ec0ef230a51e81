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
import { busConfig, createLogger, loadConfig, logConfig, type Logger } from '@sipflow/platform';
import { DeviceDirectory } from '@sipflow/sip';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';

export interface ImportOptions {
  data: string;
  format: string;
}

/**
 * Where correlation joins the import (issue #4): called once every record is on the bus, with the
 * records in order; the counts it returns (e.g. { dialogs, calls }) are printed after the totals.
 */
export type AfterImport = (
  summary: ImportSummary,
  context: { bus: Bus; logger: Logger },
) => Promise<Record<string, number>>;

const importConfig = { ...logConfig, ...busConfig, ...collectorConfig };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `sipflow import FILE...`: the collector's decoders and pipeline over files, counts on stdout. */
export async function importCommand(
  files: string[],
  options: ImportOptions,
  io: CliIo,
  afterImport?: AfterImport,
): Promise<void> {
  if (!(IMPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new CliError(`sipflow import: --format must be one of ${IMPORT_FORMATS.join('|')}`, ExitCode.usage);
  }
  // The CLI speaks on stdout; its structured log stays quiet unless asked for.
  const config = loadConfig(importConfig, { LOG_LEVEL: 'warn', ...process.env, SIPFLOW_DATA_DIR: options.data });
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'sipflow-import' });
  const devices = config.DEVICE_MAP_FILE ? loadDeviceMap(config.DEVICE_MAP_FILE) : new DeviceDirectory();
  const bus = createBus(config, logger);
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
    const extra = afterImport ? await afterImport(summary, { bus, logger }) : {};
    for (const [what, n] of Object.entries(extra)) io.out(`${what}: ${n}\n`);
    io.out(
      bus.kind === 'kafka'
        ? `published to Kafka ${config.SIP_RAW_TOPIC} (rejected inputs to ${config.SIP_DEADLETTER_TOPIC})\n`
        : 'published to the in-process bus (set KAFKA_BROKERS to publish to Kafka)\n',
    );
  } finally {
    await bus.close();
  }
  if (summary.files.some((f) => f.error && f.records === 0)) {
    throw new CliError('sipflow import: some files could not be read', ExitCode.invalidInput);
  }
}
