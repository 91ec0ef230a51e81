import { createBus } from '@sipflow/bus';
import {
  busConfig,
  createLogger,
  installShutdown,
  loadConfig,
  logConfig,
  maskSecrets,
  storeConfig,
} from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { correlatorConfig } from './correlator-config';
import { startCorrelator } from './correlator.service';
import { loadDeviceMap } from './device-map';

const shape = { ...logConfig, ...busConfig, ...storeConfig, ...correlatorConfig };

/** The correlator as its own process (the production shape): Kafka in, ClickHouse out. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(shape, env);
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'correlator' });
  logger.info({ config: maskSecrets(shape, config) }, 'starting');
  const connection = await openStoreConnection(config, 'sipflow correlator');
  const store = new SipStore(connection);
  await store.migrate({
    messagesDays: config.RETENTION_MESSAGES_DAYS,
    aggregatesDays: config.RETENTION_AGGREGATES_DAYS,
    auditDays: config.RETENTION_AUDIT_DAYS,
  });
  const bus = createBus(config, logger);
  const retentionMs = config.KAFKA_TOPIC_RETENTION_HOURS * 3600_000;
  await bus.ensureTopics([
    {
      topic: config.SIP_RAW_TOPIC,
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replication: config.KAFKA_TOPIC_REPLICATION,
      retentionMs,
    },
    {
      topic: config.SIP_DEADLETTER_TOPIC,
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replication: config.KAFKA_TOPIC_REPLICATION,
      retentionMs,
    },
    {
      topic: config.SIP_LEGS_TOPIC,
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replication: config.KAFKA_TOPIC_REPLICATION,
      retentionMs,
    },
  ]);
  const correlator = await startCorrelator({
    bus,
    store,
    logger,
    devices: loadDeviceMap(config.DEVICE_MAP_FILE),
    settings: {
      groupId: config.CORRELATOR_GROUP_ID,
      rawTopic: config.SIP_RAW_TOPIC,
      legsTopic: config.SIP_LEGS_TOPIC,
      deadLetterTopic: config.SIP_DEADLETTER_TOPIC,
      flushIntervalMs: config.CORRELATOR_FLUSH_INTERVAL_MS,
      clock: 'wall',
      options: {
        lingerUs: config.CORRELATOR_LINGER_SECONDS * 1_000_000,
        idleWindowUs: config.CORRELATOR_IDLE_WINDOW_HOURS * 3600_000_000,
        numberPlan: { countryCode: config.NUMBER_COUNTRY_CODE, minNationalLength: 9 },
        linkHeaders: config.CORRELATION_LINK_HEADERS.map((h) => h.toLowerCase()),
      },
    },
  });
  installShutdown(logger, [
    { name: 'store', close: () => connection.close() },
    { name: 'bus', close: () => bus.close() },
    { name: 'correlator', close: () => correlator.close() },
  ]);
  logger.info('correlator running');
}
