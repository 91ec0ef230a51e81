import { getKafka, makeTempDir, pollUntil, seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorHandle } from '../src';
import {
  idsByCallId,
  kafkaBus,
  lfStream,
  recordReader,
  seedFrames,
  seedStream,
  sendTcp,
  sendUdp,
  testConfig,
  testLogger,
} from './collector-harness';
import type { KafkaBus } from '@sipflow/bus';

// The seed call's 72 FireBrick records (samples/seed-call) replayed into a collector publishing to
// real Kafka, over each transport a FireBrick or a relay would use; every record must arrive on
// sip.raw.v1 exactly once (by record id) and in order per Call-ID.
describe('seed call replay into Kafka', () => {
  const logger = testLogger();
  const expected = seedCallRecords();
  const expectedIds = new Set(expected.map((r) => r.recordId));
  let brokers: string[];
  const open: { bus: KafkaBus; collector?: CollectorHandle; data: { remove(): void } }[] = [];

  beforeAll(async () => {
    brokers = (await getKafka()).brokers;
  });
  afterAll(async () => {
    for (const o of open) {
      await o.collector?.close();
      await o.bus.close();
      o.data.remove();
    }
  });

  async function replay(send: (c: CollectorHandle) => Promise<void>) {
    const config = testConfig();
    const bus = kafkaBus(brokers, logger);
    const data = makeTempDir('collector-replay-');
    const entry: (typeof open)[number] = { bus, data };
    open.push(entry);
    const collector = await startCollector({ config, logger, bus, devices: seedCallDevices(), dataDir: data.path });
    entry.collector = collector;
    await send(collector);
    expect(await collector.drained(60_000)).toBe(true);
    const reader = await recordReader(kafkaBus(brokers, logger, 'reader'), config.SIP_RAW_TOPIC).start();
    await pollUntil(() => reader.items.length >= expected.length, {
      timeoutMs: 60_000,
      what: '72 records on the topic',
    });
    await new Promise((r) => setTimeout(r, 1000)); // anything extra (a duplicate) would show up now
    await reader.stop();
    const got = reader.items;
    expect(got.length).toBe(expected.length);
    expect(new Set(got.map((r) => r.recordId))).toEqual(expectedIds);
    expect(idsByCallId(got)).toEqual(idsByCallId(expected));
    expect(await collector.metrics.total('rejected')).toBe(0);
    expect(await collector.metrics.total('published')).toBe(expected.length);
    // Devices come from the device map by syslog hostname.
    expect(new Set(got.map((r) => r.device.name))).toEqual(new Set(expected.map((r) => r.device.name)));
    return got;
  }

  it('over UDP, one record per datagram', async () => {
    const frames = seedFrames();
    expect(frames).toHaveLength(72);
    await replay((c) => sendUdp(c.ports.syslogUdp, frames));
  });

  it('over TCP with octet counting (RFC 6587 §3.4.1)', async () => {
    await replay((c) => sendTcp(c.ports.syslogTcp, seedStream(), 777));
  });

  it('over TCP with LF framing (RFC 6587 §3.4.2) and #012 escapes', async () => {
    await replay((c) => sendTcp(c.ports.syslogTcp, lfStream(seedFrames()), 500));
  });
});
