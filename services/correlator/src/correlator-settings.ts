import type { ConfigOf } from '@sipflow/platform';
import { busConfig, ConfigError, storeConfig } from '@sipflow/platform';
import { countryCallingCode } from '@sipflow/sip';
import type { TopicSpec } from '@sipflow/bus';
import { correlatorConfig } from './correlator-config';
import type { CorrelatorSettings } from './correlator.service';

type Config = ConfigOf<typeof busConfig & typeof storeConfig & typeof correlatorConfig>;

/** The correlator's settings from configuration (the standalone process and `sipflow start` alike). */
export function correlatorSettingsFrom(
  config: Config,
  clock: CorrelatorSettings['clock'] = 'wall',
): CorrelatorSettings {
  const countryCode = countryCallingCode(config.NUMBER_DEFAULT_COUNTRY);
  if (!countryCode)
    throw new ConfigError([`NUMBER_DEFAULT_COUNTRY: no numbering plan for ${config.NUMBER_DEFAULT_COUNTRY}`]);
  return {
    groupId: config.CORRELATOR_GROUP_ID,
    rawTopic: config.SIP_RAW_TOPIC,
    legsTopic: config.SIP_LEGS_TOPIC,
    deadLetterTopic: config.SIP_DEADLETTER_TOPIC,
    flushIntervalMs: config.CORRELATOR_FLUSH_INTERVAL_MS,
    clock,
    options: {
      lingerUs: config.CORRELATOR_LINGER_SECONDS * 1_000_000,
      idleWindowUs: config.CORRELATOR_IDLE_WINDOW_HOURS * 3600_000_000,
      numberPlan: { countryCode, minNationalLength: 9 },
      linkHeaders: config.CORRELATION_LINK_HEADERS.map((h) => h.toLowerCase()),
      calls: {
        b2bua: {
          windowUs: config.CORRELATOR_B2BUA_WINDOW_SECONDS * 1_000_000,
          propagationUs: 2_000_000,
          clockToleranceUs: 50_000,
          minScore: 0.5,
        },
        recording: { windowUs: 5_000_000, propagationUs: 2_000_000 },
        extraLinkHeaders: config.CORRELATION_LINK_HEADERS.map((h) => h.toLowerCase()),
      },
    },
  };
}

/** The topics sipflow creates at start-up if absent (ARCHITECTURE ⚑ Kafka). */
export function sipflowTopics(config: Config): TopicSpec[] {
  const spec = (topic: string): TopicSpec => ({
    topic,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replication: config.KAFKA_TOPIC_REPLICATION,
    retentionMs: config.KAFKA_TOPIC_RETENTION_HOURS * 3600_000,
  });
  return [spec(config.SIP_RAW_TOPIC), spec(config.SIP_DEADLETTER_TOPIC), spec(config.SIP_LEGS_TOPIC)];
}

export const retentionFrom = (config: Config) => ({
  messagesDays: config.RETENTION_MESSAGES_DAYS,
  aggregatesDays: config.RETENTION_AGGREGATES_DAYS,
  auditDays: config.RETENTION_AUDIT_DAYS,
});
