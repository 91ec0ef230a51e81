import { createLogger } from '@sipflow/platform';
import { getKafka } from '@sipflow/testing';
import { afterAll, beforeAll } from 'vitest';
import type { Bus } from '../src/bus';
import { busContract } from '../src/contract/bus.contract.suite';
import { KafkaBus } from '../src/kafka/kafka.bus';

// The same contract as the in-process bus, against a real broker (KAFKA_BROKERS, testcontainers or
// the deploy/local launcher).
const buses: Bus[] = [];
let brokers: string[] = [];

beforeAll(async () => {
  brokers = (await getKafka()).brokers;
});
afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
});

busContract('Kafka (kafkajs)', {
  bus: () => {
    const bus = new KafkaBus({
      brokers,
      clientId: 'bus-contract',
      logger: createLogger({ level: 'error', service: 'bus-contract' }),
    });
    buses.push(bus);
    return bus;
  },
  timeoutMs: 60_000,
});
