import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { decodeSipRecord, MemoryBus } from '@sipflow/bus';
import { makeTempDir, pollUntil } from '@sipflow/testing';
import type { SipRecord } from '@sipflow/sip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorHandle } from '../src';
import { octetCounted, seedFrames, sendUdp, testConfig, testLogger } from './collector-harness';

// Syslog over TLS (RFC 5425) with a certificate made here, the health endpoints, and a device map
// reload, against the in-process bus (the sockets and files are real).
describe('TLS listener, health endpoints, device map reload', () => {
  const dir = makeTempDir('collector-tls-');
  const bus = new MemoryBus();
  const records: SipRecord[] = [];
  let collector: CollectorHandle;
  const mapFile = join(dir.path, 'devices.json');

  beforeAll(async () => {
    const cert = join(dir.path, 'cert.pem');
    const key = join(dir.path, 'key.pem');
    const openssl = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { encoding: 'utf8' },
    );
    expect(openssl.status, openssl.stderr).toBe(0);
    writeFileSync(mapFile, JSON.stringify({ devices: [] }));
    const config = testConfig({ SYSLOG_TLS_CERT_FILE: cert, SYSLOG_TLS_KEY_FILE: key, DEVICE_MAP_FILE: mapFile });
    collector = await startCollector({ config, logger: testLogger(), bus, dataDir: dir.path, reloadOnSighup: true });
    await bus.subscribe({
      groupId: 'test',
      topics: [config.SIP_RAW_TOPIC],
      handler: async (batch) => {
        for (const m of batch.messages) records.push(decodeSipRecord(m.value));
      },
    });
  });
  afterAll(async () => {
    await collector.close();
    await bus.close();
    dir.remove();
  });

  it('takes octet-counted syslog over TLS', async () => {
    expect(collector.ports.syslogTls).toBeGreaterThan(0);
    const socket = connect({ host: '127.0.0.1', port: collector.ports.syslogTls!, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    await new Promise<void>((resolve) => socket.end(octetCounted(seedFrames()), resolve));
    await pollUntil(() => records.length >= 72, { what: '72 records over TLS' });
    expect(records.filter((r) => r.ingestPath === 'syslog')).toHaveLength(72);
    // No device map entries yet: devices are named by their syslog hostname.
    expect(new Set(records.map((r) => r.device.id))).toEqual(new Set(['cs-b', 'cs-c', 'cs-e']));
    expect(new Set(records.map((r) => r.device.name))).toEqual(new Set(['cs-b', 'cs-c', 'cs-e']));
  });

  it('answers /livez, /readyz and /metrics', async () => {
    const base = `http://127.0.0.1:${collector.ports.http}`;
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      busAvailable: true,
      listeners: expect.arrayContaining(['syslog-tls']),
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/sipflow_collector_received_total\{listener="syslog-tls",ingest_path="syslog"\} 72/);
    expect(metrics).toMatch(/sipflow_collector_published_total\{device="cs-b",ingest_path="syslog"\} \d+/);
    expect(metrics).toContain('sipflow_collector_publish_latency_seconds_bucket');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('reloads the device map (SIGHUP or reloadDevices) and keeps the old one when the file is bad', async () => {
    writeFileSync(mapFile, JSON.stringify({ devices: [{ id: 'cs-b', name: 'Call server B', hostnames: ['cs-b'] }] }));
    process.kill(process.pid, 'SIGHUP');
    await new Promise((r) => setTimeout(r, 300)); // the signal is handled on a later turn of the loop
    writeFileSync(mapFile, '{"devices": [{"id": 1}]}');
    expect(() => collector.reloadDevices()).toThrow(/device map/);
    records.length = 0;
    await sendUdp(collector.ports.syslogUdp, seedFrames().slice(0, 3));
    await pollUntil(() => records.length >= 3, { what: 'records after reload' });
    expect(records[0]!.device).toMatchObject({ id: 'cs-b', name: 'Call server B' });
  });
});
