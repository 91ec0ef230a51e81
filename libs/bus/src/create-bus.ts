import type { Logger } from 'pino';
import type { Bus } from './bus';
import { KafkaBus } from './kafka/kafka.bus';
import { MemoryBus } from './memory/memory.bus';

export interface BusSettings {
  KAFKA_BROKERS?: string[];
  KAFKA_CLIENT_ID: string;
  KAFKA_SSL: boolean;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

/** Kafka when brokers are configured, else the in-process bus of the single-process mode. */
export function createBus(settings: BusSettings, logger: Logger): Bus {
  if (!settings.KAFKA_BROKERS?.length) return new MemoryBus();
  return new KafkaBus({
    brokers: settings.KAFKA_BROKERS,
    clientId: settings.KAFKA_CLIENT_ID,
    ssl: settings.KAFKA_SSL,
    sasl:
      settings.KAFKA_SASL_USERNAME && settings.KAFKA_SASL_PASSWORD
        ? { username: settings.KAFKA_SASL_USERNAME, password: settings.KAFKA_SASL_PASSWORD }
        : undefined,
    logger,
  });
}
