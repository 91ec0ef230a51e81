import { resolve } from 'node:path';
import { createBus } from '@sipflow/bus';
import { busConfig, createLogger, installShutdown, loadConfig, logConfig, storeConfig } from '@sipflow/platform';
import { openStoreConnection } from '@sipflow/store';
import type { CliIo } from '../main';

export interface StartOptions {
  data: string;
  demo?: boolean;
  syslogPort?: string;
  hepPort?: string;
  grpcPort?: string;
  httpPort?: string;
}

const startConfig = { ...logConfig, ...busConfig, ...storeConfig };

/**
 * The all-in-one composition root: every service in one process on embedded defaults (in-process
 * bus, chDB in the data directory), or against Kafka/ClickHouse when configured. Runs until
 * SIGTERM/SIGINT, then flushes and closes in reverse order.
 */
export async function startCommand(options: StartOptions, io: CliIo): Promise<void> {
  const config = loadConfig(startConfig, { ...process.env, SIPFLOW_DATA_DIR: options.data });
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'sipflow' });
  const store = await openStoreConnection(config, 'sipflow start');
  const bus = createBus(config, logger);
  // Keeps the process alive until a signal arrives, whatever is (or is not yet) listening.
  const keepAlive = setInterval(() => {}, 60_000);
  const stopped = new Promise<void>((done) => {
    installShutdown(
      logger,
      [
        { name: 'store', close: () => store.close() },
        { name: 'bus', close: () => bus.close() },
        { name: 'keep-alive', close: () => clearInterval(keepAlive) },
      ],
      { exit: () => done() },
    );
  });
  io.out(
    [
      'sipflow is running',
      `  store: ${store.kind === 'embedded' ? `embedded ClickHouse (chDB) in ${resolve(store.location)}` : store.location}`,
      `  bus:   ${bus.kind === 'memory' ? 'in-process' : `Kafka ${config.KAFKA_BROKERS?.join(',')}`}`,
      '  collector, correlator, API and portal: not yet available (issues #3-#7)',
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  await stopped;
  io.out('sipflow stopped\n');
}
