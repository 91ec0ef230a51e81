import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, getKafka, loopbackCollectorEnv, makeTempDir, pollUntil } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  idsByCallId,
  kafkaBus,
  metricTotal,
  octetCounted,
  recordReader,
  scrape,
  sendTcp,
  syntheticFrames,
  testLogger,
} from './collector-harness';

const root = resolve(__dirname, '..', '..', '..');
const bin = join(root, 'services', 'collector', 'bin', 'collector.cjs');

interface RunningCollector {
  child: ChildProcess;
  ports: { syslogTcp: number; http: number };
  exited: Promise<number | null>;
}

/** The standalone collector as a child process; resolves when it printed its ports. */
async function spawnCollector(env: Record<string, string>): Promise<RunningCollector> {
  const child = spawn(process.execPath, [bin], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c.toString().slice(-20_000)));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const line = await pollUntil(() => stdout.split('\n').find((l) => l.includes('collector-started')), {
    timeoutMs: 60_000,
    what: `collector start (stderr: ${stderr.slice(-2000)})`,
  });
  return { child, ports: JSON.parse(line).ports, exited };
}

// kill -9 the collector while its spool holds records (Kafka unreachable), start it again against
// a broker: the spool is replayed first, then new traffic follows; nothing is lost.
describe('collector killed with a non-empty spool', () => {
  const logger = testLogger();
  const spool = makeTempDir('collector-crash-spool-');
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    spool.remove();
  });

  it('replays the spool after a restart', async () => {
    const { brokers } = await getKafka();
    const suffix = Math.random().toString(16).slice(2, 10);
    const env = {
      ...loopbackCollectorEnv(),
      KAFKA_BROKERS: '',
      COLLECTOR_SPOOL_DIR: spool.path,
      COLLECTOR_SPOOL_FSYNC: 'always',
      COLLECTOR_PUBLISH_MAX_BACKOFF_MS: '300',
      SIP_RAW_TOPIC: `sip.raw.v1.crash-${suffix}`,
      SIP_DEADLETTER_TOPIC: `sip.deadletter.v1.crash-${suffix}`,
      KAFKA_TOPIC_PARTITIONS: '3',
      LOG_LEVEL: 'warn',
    };
    const frames = syntheticFrames(600);
    const before = frames.slice(0, 500);
    const after = frames.slice(500);

    // First run: a broker address where nothing listens, so every record ends up in the spool.
    const first = await spawnCollector({ ...env, KAFKA_BROKERS: `127.0.0.1:${await freePort()}` });
    children.push(first.child);
    await sendTcp(first.ports.syslogTcp, octetCounted(before));
    const page = await pollUntil(
      async () => {
        const p = await scrape(first.ports.http);
        return metricTotal(p, 'sipflow_collector_spool_records') === before.length && p;
      },
      { timeoutMs: 60_000, what: 'all records in the spool' },
    );
    expect(metricTotal(page, 'sipflow_collector_decoded_total')).toBe(before.length);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    expect(readdirSync(spool.path).some((f) => f.endsWith('.seg'))).toBe(true);

    // Second run, against Kafka: the spool first, then what arrives now.
    const second = await spawnCollector({ ...env, KAFKA_BROKERS: brokers.join(',') });
    children.push(second.child);
    await sendTcp(second.ports.syslogTcp, octetCounted(after));
    const reader = await recordReader(kafkaBus(brokers, logger, 'reader'), env.SIP_RAW_TOPIC).start();
    await pollUntil(() => new Set(reader.items.map((r) => r.recordId)).size >= frames.length, {
      timeoutMs: 90_000,
      what: `${frames.length} records (have ${reader.items.length})`,
    });
    await new Promise((r) => setTimeout(r, 1000));
    await reader.stop();
    expect(new Set(reader.items.map((r) => r.recordId)).size).toBe(frames.length);
    expect(reader.items).toHaveLength(frames.length);
    for (const ids of idsByCallId(reader.items).values()) {
      const times = ids.map((id) => reader.items.find((r) => r.recordId === id)!.captureTimeUs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    await pollUntil(async () => metricTotal(await scrape(second.ports.http), 'sipflow_collector_spool_records') === 0, {
      what: 'spool drained',
    });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
