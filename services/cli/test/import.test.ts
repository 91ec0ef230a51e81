import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeSipRecord, KafkaBus } from '@sipflow/bus';
import type { SipRecord } from '@sipflow/sip';
import { decodeCaptureFile } from '@sipflow/ingest';
import { createLogger } from '@sipflow/platform';
import { corpusPath, getKafka, makeTempDir, pollUntil, samplePath, seedCallRecords } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..', '..');
const bin = join(root, 'services', 'cli', 'bin', 'sipflow.cjs');

// `sipflow import` as a process, publishing to a real broker: the seed call's syslog stream and a
// corpus pcap (corpus/SOURCES.md: heplify sip_ipv4_tcp) go through the collector's pipeline.
describe('sipflow import (as a process, into Kafka)', () => {
  const logger = createLogger({ level: 'fatal', service: 'import-test' });
  const buses: KafkaBus[] = [];
  afterAll(async () => {
    for (const b of buses) await b.close();
  });

  it('prints per-file and total counts and publishes every record', async () => {
    const { brokers } = await getKafka();
    const suffix = randomBytes(4).toString('hex');
    const topic = `sip.raw.v1.import-${suffix}`;
    const pcap = corpusPath('pcap', 'heplify_sip_ipv4_tcp.pcap');
    const pcapRecords = decodeCaptureFile(readFileSync(pcap)).records.length;
    const seed = samplePath('seed-call', 'seed-call.syslog');
    const result = spawnSync(process.execPath, [bin, 'import', seed, pcap], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        KAFKA_BROKERS: brokers.join(','),
        SIP_RAW_TOPIC: topic,
        SIP_DEADLETTER_TOPIC: `sip.deadletter.v1.import-${suffix}`,
        KAFKA_TOPIC_PARTITIONS: '3',
        DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json'),
      },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${seed}: syslog, 72 records, 56 SIP messages, 0 rejected`);
    expect(result.stdout).toContain(`${pcap}: pcap, ${pcapRecords} records, ${pcapRecords} SIP messages, 0 rejected`);
    expect(result.stdout).toContain(
      `total: ${72 + pcapRecords} records, ${56 + pcapRecords} SIP messages, 0 rejected inputs in 2 files`,
    );
    expect(result.stdout).toContain(`published to Kafka ${topic}`);

    const bus = new KafkaBus({ brokers, clientId: 'import-reader', logger });
    buses.push(bus);
    const got: SipRecord[] = [];
    const sub = await bus.subscribe({
      groupId: `import-reader-${suffix}`,
      topics: [topic],
      handler: async (batch) => {
        for (const m of batch.messages) got.push(decodeSipRecord(m.value));
      },
    });
    await pollUntil(() => got.length >= 72 + pcapRecords, { timeoutMs: 60_000, what: 'imported records' });
    await sub.stop();
    expect(got).toHaveLength(72 + pcapRecords);
    // Imported records carry the same ids as the seed call decoded live (same device, time, bytes).
    const ids = new Set(got.map((r) => r.recordId));
    for (const r of seedCallRecords()) expect(ids.has(r.recordId)).toBe(true);
    expect(
      got.filter((r) => r.ingestPath === 'pcap').every((r) => r.device.id === 'file:heplify_sip_ipv4_tcp.pcap'),
    ).toBe(true);
  });

  it('without Kafka, correlates in-process into the embedded store: dialogs, calls, and `calls` lists them', () => {
    const data = makeTempDir('sipflow-import-');
    try {
      const env = {
        ...process.env,
        KAFKA_BROKERS: '',
        CLICKHOUSE_URL: '',
        DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json'),
      };
      const seed = samplePath('seed-call', 'seed-call.syslog');
      const result = spawnSync(process.execPath, [bin, 'import', '--data', data.path, seed], {
        cwd: root,
        encoding: 'utf8',
        env,
        timeout: 120_000,
      });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('correlated: 8 dialogs (legs), 1 call, stored in');
      const listed = spawnSync(process.execPath, [bin, 'calls', '--json', '--data', data.path], {
        cwd: root,
        encoding: 'utf8',
        env,
      });
      const calls = JSON.parse(listed.stdout);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ legs: 8, outcome: 'answered', kind: 'call' });
      // Importing the same file again adds nothing: record ids de-duplicate.
      const again = spawnSync(process.execPath, [bin, 'import', '--data', data.path, seed], {
        cwd: root,
        encoding: 'utf8',
        env,
        timeout: 120_000,
      });
      expect(again.status, again.stderr).toBe(0);
      expect(
        JSON.parse(
          spawnSync(process.execPath, [bin, 'calls', '--json', '--data', data.path], {
            cwd: root,
            encoding: 'utf8',
            env,
          }).stdout,
        ),
      ).toHaveLength(1);
    } finally {
      data.remove();
    }
  });

  it('exits 1 naming a file it cannot read', () => {
    const data = makeTempDir('sipflow-import-missing-');
    const result = spawnSync(process.execPath, [bin, 'import', '--data', data.path, '/nonexistent.pcap'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, KAFKA_BROKERS: '' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('/nonexistent.pcap: ENOENT');
  });
});
