import { resolve } from 'node:path';
import { createBus } from '@sipflow/bus';
import {
  correlatorConfig,
  correlatorSettingsFrom,
  loadDeviceMap,
  retentionFrom,
  sipflowTopics,
  startCorrelator,
} from '@sipflow/correlator';
import {
  busConfig,
  createLogger,
  installShutdown,
  loadConfig,
  logConfig,
  storeConfig,
  type Closer,
} from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import type { CliIo } from '../main';

export interface StartOptions {
  data: string;
  demo?: boolean;
  syslogPort?: string;
  hepPort?: string;
  grpcPort?: string;
  httpPort?: string;
}

const startConfig = { ...logConfig, ...busConfig, ...storeConfig, ...correlatorConfig };

/**
 * The all-in-one composition root: every service in one process on embedded defaults (in-process
 * bus, chDB in the data directory), or against Kafka/ClickHouse when configured. Runs until
 * SIGTERM/SIGINT, then stops accepting, flushes and closes in reverse start order.
 */
export async function startCommand(options: StartOptions, io: CliIo): Promise<void> {
  const config = loadConfig(startConfig, { ...process.env, SIPFLOW_DATA_DIR: options.data });
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'sipflow' });
  const closers: Closer[] = [];
  const connection = await openStoreConnection(config, 'sipflow start');
  closers.push({ name: 'store', close: () => connection.close() });
  const store = new SipStore(connection);
  await store.migrate(retentionFrom(config));
  const bus = createBus(config, logger);
  closers.push({ name: 'bus', close: () => bus.close() });
  await bus.ensureTopics(sipflowTopics(config));
  const devices = loadDeviceMap(config.DEVICE_MAP_FILE);
  const correlator = await startCorrelator({ bus, store, logger, devices, settings: correlatorSettingsFrom(config) });
  closers.push({ name: 'correlator', close: () => correlator.close() });

  // Keeps the process alive until a signal arrives, whatever is (or is not yet) listening.
  const keepAlive = setInterval(() => {}, 60_000);
  closers.push({ name: 'keep-alive', close: () => clearInterval(keepAlive) });
  const stopped = new Promise<void>((done) => installShutdown(logger, closers, { exit: () => done() }));
  io.out(
    [
      'sipflow is running',
      `  store:      ${connection.kind === 'embedded' ? `embedded ClickHouse (chDB) in ${resolve(connection.location)}` : connection.location}`,
      `  bus:        ${bus.kind === 'memory' ? 'in-process' : `Kafka ${config.KAFKA_BROKERS?.join(',')}`}`,
      `  correlator: running (group ${config.CORRELATOR_GROUP_ID})`,
      '  collector, API and portal: not yet available (issues #5-#7)',
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  await stopped;
  io.out('sipflow stopped\n');
}
