import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRunning, startKafka, stopKafka } from '@sipflow/deploy-local';

export interface TestKafka {
  brokers: string[];
  /** Where the broker came from, for test logs. */
  source: 'env' | 'testcontainers' | 'launcher';
}

/** True if a Docker engine answers on its socket within a second (not just a docker client). */
export function dockerEngineAnswers(socketPath = '/var/run/docker.sock'): Promise<boolean> {
  if (process.env.DOCKER_HOST && !process.env.DOCKER_HOST.startsWith('unix://')) return Promise.resolve(true);
  const path = process.env.DOCKER_HOST?.slice('unix://'.length) ?? socketPath;
  if (!existsSync(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request({ socketPath: path, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => (req.destroy(), resolve(false)));
    req.end();
  });
}

/** The directory of the broker shared by one test run (set by the integration global setup). */
export function sharedKafkaDir(): string {
  return process.env.SIPFLOW_TEST_KAFKA_DIR ?? join(tmpdir(), `sipflow-test-kafka-${process.ppid}`);
}

async function withLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch {
      // A lock older than the start-up deadline belongs to a dead process.
      if (existsSync(lockFile) && Date.now() - statSync(lockFile).mtimeMs > 180_000) rmSync(lockFile, { force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockFile}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

let containerBrokers: Promise<string[]> | undefined;

/**
 * A Kafka for integration tests: KAFKA_BROKERS if set; otherwise a testcontainers broker when a
 * Docker engine answers; otherwise the deploy/local launcher (Maven jars, KRaft), one broker shared
 * by every test file of the run and stopped by the global teardown.
 */
export async function getKafka(): Promise<TestKafka> {
  const fromEnv = process.env.KAFKA_BROKERS?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (fromEnv?.length) return { brokers: fromEnv, source: 'env' };
  if (await dockerEngineAnswers()) {
    containerBrokers ??= (async () => {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
      return [`${container.getHost()}:${container.getMappedPort(9093)}`];
    })();
    return { brokers: await containerBrokers, source: 'testcontainers' };
  }
  const dir = sharedKafkaDir();
  mkdirSync(dir, { recursive: true });
  const running = await withLock(join(dir, '.lock'), async () => readRunning(dir) ?? (await startKafka({ dir })));
  return { brokers: [running.bootstrap], source: 'launcher' };
}

/** Stops the shared launcher broker of this run, if one was started. */
export async function stopSharedKafka(): Promise<void> {
  await stopKafka(sharedKafkaDir());
}

/**
 * A free TCP port on 127.0.0.1 (for servers started by tests), and the launcher itself for fault
 * tests that stop and restart a broker of their own (never the shared one; `keepData` restarts it
 * on the same port and data).
 */
export { freePort, startKafka, stopKafka } from '@sipflow/deploy-local';
