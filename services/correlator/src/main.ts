import { createBus } from '@sipflow/bus';
import {
  busConfig,
  createLogger,
  installShutdown,
  loadConfig,
  logConfig,
  maskSecrets,
  readJsonFile,
  storeConfig,
} from '@sipflow/platform';
import { DeviceDirectory, parseDeviceMap } from '@sipflow/sip';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { correlatorConfig } from './correlator-config';
import { correlatorSettingsFrom, retentionFrom, sipflowTopics } from './correlator-settings';
import { startCorrelator } from './correlator.service';
import { startStatusServer } from './status-server';

const shape = { ...logConfig, ...busConfig, ...storeConfig, ...correlatorConfig };

/** The correlator as its own process (the production shape): Kafka in, ClickHouse out. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(shape, env);
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'correlator' });
  logger.info({ config: maskSecrets(shape, config) }, 'starting');
  const connection = await openStoreConnection(config, 'sipflow correlator');
  const store = new SipStore(
    connection,
    { cluster: config.CLICKHOUSE_CLUSTER },
    { defaultCountry: config.NUMBER_DEFAULT_COUNTRY },
  );
  await store.migrate(retentionFrom(config));
  const bus = createBus(config, logger);
  await bus.ensureTopics(sipflowTopics(config));
  const correlator = await startCorrelator({
    bus,
    store,
    logger,
    devices: config.DEVICE_MAP_FILE
      ? parseDeviceMap(readJsonFile(config.DEVICE_MAP_FILE), config.DEVICE_MAP_FILE)
      : new DeviceDirectory(),
    settings: correlatorSettingsFrom(config),
  });
  const status = await startStatusServer(
    { ready: () => true, stats: () => correlator.stats() },
    config.CORRELATOR_HTTP_HOST,
    config.CORRELATOR_HTTP_PORT,
  );
  installShutdown(logger, [
    { name: 'store', close: () => connection.close() },
    { name: 'bus', close: () => bus.close() },
    { name: 'correlator', close: () => correlator.close() },
    { name: 'status', close: () => status.close() },
  ]);
  logger.info({ statusPort: status.port }, 'correlator running');
}
