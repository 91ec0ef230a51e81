import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopKafka } from '@sipflow/deploy-local';

// One launcher broker per integration run, started lazily by the first test that asks for Kafka
// (libs/testing getKafka) and stopped here. Not used when KAFKA_BROKERS is set.
export async function setup(): Promise<() => Promise<void>> {
  const owned = !process.env.SIPFLOW_TEST_KAFKA_DIR;
  const dir = process.env.SIPFLOW_TEST_KAFKA_DIR ?? mkdtempSync(join(tmpdir(), 'sipflow-test-kafka-'));
  process.env.SIPFLOW_TEST_KAFKA_DIR = dir;
  return async () => {
    if (!owned) return;
    await stopKafka(dir);
    rmSync(dir, { recursive: true, force: true });
  };
}
