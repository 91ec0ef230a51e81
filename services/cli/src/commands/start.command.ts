import { resolve } from 'node:path';
import { apiConfig, apiServerOptionsFrom, apiSettingsFrom, startApiServer } from '@sipflow/api';
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
  portalConfig,
  type Logger,
  storeConfig,
  type Closer,
} from '@sipflow/platform';
import { startPortal } from '@sipflow/portal';
import { DeviceDirectory } from '@sipflow/sip';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { CliError, ExitCode } from '../cli-error';
import { tokenSecretIn } from './token-secret';
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
  ...apiConfig,
  ...portalConfig,
};

function portOption(name: string, value: string | undefined): Record<string, string> {
  if (value === undefined) return {};
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new CliError(`sipflow start: --${name} must be a port number (0 picks a free one)`, ExitCode.usage);
  }
  if (name === 'grpc-port') {
    // The port replaces the one in API_GRPC_ADDRESS; the host stays (default 127.0.0.1).
    const host = (process.env.API_GRPC_ADDRESS ?? '127.0.0.1:50051').replace(/:\d+$/, '');
    return { API_GRPC_ADDRESS: `${host}:${value}` };
  }
  return name === 'syslog-port'
    ? { SYSLOG_UDP_PORT: value, SYSLOG_TCP_PORT: value }
    : { HEP_UDP_PORT: value, HEP_TCP_PORT: value };
}

/** The HTTP port of the portal: --http-port, else 3000 (PORT is the standalone portal's). */
function httpPort(value: string | undefined): number {
  if (value === undefined) return 3000;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    throw new CliError('sipflow start: --http-port must be a port number (0 picks a free one)', ExitCode.usage);
  return Number(value);
}

/**
 * The portal in this process, calling the API just started. Its session key comes from
 * SIPFLOW_SESSION_SECRET or is generated once and kept in the data directory; the first start
 * builds it (next build, about a minute) and says so.
 */
async function openPortal(
  options: StartOptions,
  config: {
    PORTAL_HOST: string;
    SIPFLOW_SESSION_SECRET?: string | undefined;
    SIPFLOW_SECURE_COOKIES: boolean;
    API_GRPC_ADDRESS: string;
    SIPFLOW_DATA_DIR: string;
  },
  kind: 'embedded' | 'server',
  apiPort: number,
  logger: Logger,
  io: CliIo,
) {
  const apiHost = config.API_GRPC_ADDRESS.replace(/:\d+$/, '');
  let announced = false;
  return startPortal({
    host: config.PORTAL_HOST,
    port: httpPort(options.httpPort),
    apiAddress: `${['0.0.0.0', '::', '[::]'].includes(apiHost) ? '127.0.0.1' : apiHost}:${apiPort}`,
    sessionSecret:
      config.SIPFLOW_SESSION_SECRET ??
      Buffer.from(tokenSecretIn(config.SIPFLOW_DATA_DIR, kind, 'portal-session-secret')).toString('base64url'),
    secureCookies: config.SIPFLOW_SECURE_COOKIES,
    logger,
    progress: (line) => {
      if (!announced) io.out('portal: building the portal for this checkout (first start only, about a minute)\n');
      announced = true;
      io.out(`portal build: ${line}\n`);
    },
  });
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
    ...portOption('grpc-port', options.grpcPort),
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

  let api: Awaited<ReturnType<typeof startApiServer>>;
  try {
    api = await startApiServer({
      store,
      logger,
      ...apiServerOptionsFrom(
        config,
        config.API_TOKEN_SECRET ? undefined : tokenSecretIn(config.SIPFLOW_DATA_DIR, connection.kind),
      ),
      settings: apiSettingsFrom(config),
    });
  } catch (error) {
    for (const closer of closers.reverse()) await closer.close();
    throw new CliError(
      `sipflow start: the gRPC API could not start on ${config.API_GRPC_ADDRESS}: ${(error as Error).message}`,
    );
  }
  closers.push({ name: 'api', close: () => api.close() });
  const admin = await api.accounts.bootstrapAdmin();

  const portal = await openPortal(options, config, connection.kind, api.port, logger, io).catch(
    async (error: Error) => {
      for (const closer of closers.reverse()) await closer.close();
      throw new CliError(`sipflow start: the portal could not start: ${error.message}`);
    },
  );
  closers.push({ name: 'portal', close: () => portal.close() });

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
      `  gRPC API:   ${config.API_GRPC_ADDRESS.replace(/:\d+$/, '')}:${api.port} (grpc.health.v1, reflection)`,
      ...(admin
        ? [
            `  first start: created the admin account — user ${admin.username}, password ${admin.password}`,
            '               (shown once; only its hash is stored: note it now)',
          ]
        : []),
      `  portal:     ${portal.url}`,
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
