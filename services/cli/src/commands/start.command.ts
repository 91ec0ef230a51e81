import { resolve } from 'node:path';
import { createBus } from '@sipflow/bus';
import { collectorConfig, loadDeviceMap, startCollector } from '@sipflow/collector';
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
  installShutdown,
  loadConfig,
  logConfig,
  storeConfig,
  type Closer,
} from '@sipflow/platform';
import { DeviceDirectory } from '@sipflow/sip';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { CliError, ExitCode } from '../cli-error';
import { demoConfig, demoDeviceDirectory, demoSeedFile } from '../demo/demo-setup';
import { startDemoReplayer } from '../demo/demo-replayer';
import type { CliIo } from '../main';

export interface StartOptions {
  data: string;
  demo?: boolean;
  syslogPort?: string;
  hepPort?: string;
  grpcPort?: string;
  httpPort?: string;
}

// DEVICE_MAP_FILE is in both the correlator's and the collector's fragment: one file, one meaning.
const startConfig = {
  ...logConfig,
  ...busConfig,
  ...storeConfig,
  ...correlatorConfig,
  ...collectorConfig,
  ...demoConfig,
};

function portOption(name: string, value: string | undefined): Record<string, string> {
  if (value === undefined) return {};
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new CliError(`sipflow start: --${name} must be a port number (0 picks a free one)`, ExitCode.usage);
  }
  return name === 'syslog-port'
    ? { SYSLOG_UDP_PORT: value, SYSLOG_TCP_PORT: value }
    : { HEP_UDP_PORT: value, HEP_TCP_PORT: value };
}

/**
 * The all-in-one composition root: every service in one process on embedded defaults (in-process
 * bus, chDB in the data directory), or against Kafka/ClickHouse when configured. Runs until
 * SIGTERM/SIGINT, then stops accepting, flushes and closes in reverse start order.
 */
export async function startCommand(options: StartOptions, io: CliIo): Promise<void> {
  const config = loadConfig(startConfig, {
    ...process.env,
    SIPFLOW_DATA_DIR: options.data,
    ...portOption('syslog-port', options.syslogPort),
    ...portOption('hep-port', options.hepPort),
  });
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'sipflow' });
  const closers: Closer[] = [];
  const connection = await openStoreConnection(config, 'sipflow start');
  closers.push({ name: 'store', close: () => connection.close() });
  const store = new SipStore(
    connection,
    { cluster: config.CLICKHOUSE_CLUSTER },
    { defaultCountry: config.NUMBER_DEFAULT_COUNTRY },
  );
  await store.migrate(retentionFrom(config));
  const bus = createBus(config, logger);
  closers.push({ name: 'bus', close: () => bus.close() });
  await bus.ensureTopics(sipflowTopics(config));
  const devices = config.DEVICE_MAP_FILE
    ? loadDeviceMap(config.DEVICE_MAP_FILE)
    : options.demo
      ? demoDeviceDirectory()
      : new DeviceDirectory();
  const correlator = await startCorrelator({ bus, store, logger, devices, settings: correlatorSettingsFrom(config) });
  closers.push({ name: 'correlator', close: () => correlator.close() });
  let collector: Awaited<ReturnType<typeof startCollector>>;
  try {
    collector = await startCollector({
      config,
      logger,
      bus,
      devices,
      dataDir: config.SIPFLOW_DATA_DIR,
      reloadOnSighup: true,
    });
  } catch (error) {
    for (const closer of closers.reverse()) await closer.close();
    throw new CliError(`sipflow start: the collector could not start: ${(error as Error).message}`);
  }
  // Closed first (reverse order): listeners stop, then what they accepted is flushed to the bus (or spooled).
  closers.push({ name: 'collector', close: () => collector.close() });

  // Keeps the process alive until a signal arrives, whatever is (or is not yet) listening.
  const keepAlive = setInterval(() => {}, 60_000);
  closers.push({ name: 'keep-alive', close: () => clearInterval(keepAlive) });
  const stopped = new Promise<void>((done) => installShutdown(logger, closers, { exit: () => done() }));
  const ports = collector.ports;
  io.out(
    [
      'sipflow is running',
      `  store:      ${connection.kind === 'embedded' ? `embedded ClickHouse (chDB) in ${resolve(connection.location)}` : connection.location}`,
      `  bus:        ${bus.kind === 'memory' ? 'in-process' : `Kafka ${config.KAFKA_BROKERS?.join(',')}`}`,
      `  correlator: running (group ${config.CORRELATOR_GROUP_ID})`,
      `  collector:  syslog udp/${ports.syslogUdp} tcp/${ports.syslogTcp}${ports.syslogTls ? ` tls/${ports.syslogTls}` : ''}, HEP udp/${ports.hepUdp} tcp/${ports.hepTcp}, metrics http://${config.COLLECTOR_HTTP_ADDRESS}:${ports.http}/metrics`,
      `  devices:    ${config.DEVICE_MAP_FILE ?? (options.demo ? 'the demo device map (samples/seed-call/devices.json, an edge proxy, a customer PBX)' : 'no device map (devices named by address)')}`,
      '  API and portal: not yet available',
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  if (options.demo) {
    // Real FireBrick syslog and HEP datagrams into the listeners just opened, like a fleet's devices.
    const host = ['0.0.0.0', '::'].includes(config.COLLECTOR_BIND_ADDRESS)
      ? '127.0.0.1'
      : config.COLLECTOR_BIND_ADDRESS;
    const demo = startDemoReplayer(
      demoSeedFile,
      { host, syslogUdpPort: ports.syslogUdp, hepUdpPort: ports.hepUdp },
      { intervalMs: config.DEMO_INTERVAL_SECONDS * 1000, logger },
    );
    closers.splice(closers.length - 1, 0, { name: 'demo', close: () => demo.close() });
    await demo.firstRound;
    io.out(
      `demo: sent the seed call, a refused registration and a busy call (${demo.sent.syslog} syslog, ${demo.sent.hep} HEP datagrams); a new round every ${config.DEMO_INTERVAL_SECONDS} s\n`,
    );
  }
  await stopped;
  io.out('sipflow stopped\n');
}
