import { freePort, makeTempDir, pollUntil, startKafka, stopKafka } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorHandle } from '../src';
import {
  idsByCallId,
  kafkaBus,
  recordReader,
  sendUdp,
  syntheticFrames,
  testConfig,
  testLogger,
} from './collector-harness';
import type { KafkaBus } from '@sipflow/bus';
import { FireBrickSyslogDecoder } from '@sipflow/ingest';

// Stop the Kafka broker in the middle of a stream and start it again on the same port with the same
// data: every record sent must come out (count in = count out), in order per Call-ID. A broker of
// its own (not the shared one), so stopping it disturbs no other test.
describe('Kafka outage in the middle of a stream', () => {
  const logger = testLogger();
  const kafkaDir = makeTempDir('collector-outage-kafka-');
  const data = makeTempDir('collector-outage-data-');
  let collector: CollectorHandle | undefined;
  let bus: KafkaBus | undefined;

  afterAll(async () => {
    await collector?.close();
    await bus?.close();
    await stopKafka(kafkaDir.path);
    kafkaDir.remove();
    data.remove();
  });

  it('loses nothing while the broker is down and replays the spool in order when it returns', async () => {
    const port = await freePort();
    const kafka = await startKafka({ dir: kafkaDir.path, port, heapMb: 384 });
    const config = testConfig({ COLLECTOR_BUFFER_MAX_BYTES: String(256 * 1024), COLLECTOR_SPOOL_FSYNC: 'interval' });
    bus = kafkaBus([kafka.bootstrap], logger);
    collector = await startCollector({ config, logger, bus, dataDir: data.path });
    const frames = syntheticFrames(3000);
    const third = frames.length / 3;

    // A steady stream: a third before the outage, a third during it, a third after it.
    await sendUdp(collector.ports.syslogUdp, frames.slice(0, third), 20);
    await pollUntil(async () => (await collector!.metrics.total('published')) >= third / 2, {
      what: 'first records published',
    });
    await stopKafka(kafkaDir.path);
    await sendUdp(collector.ports.syslogUdp, frames.slice(third, 2 * third), 20);
    await pollUntil(() => collector!.publisherState().spoolRecords > 0, { what: 'records spooled during the outage' });
    const restarted = await startKafka({ dir: kafkaDir.path, keepData: true, heapMb: 384 });
    expect(restarted.bootstrap).toBe(kafka.bootstrap);
    await sendUdp(collector.ports.syslogUdp, frames.slice(2 * third), 20);
    expect(await collector.drained(120_000)).toBe(true);

    expect(await collector.metrics.total('received')).toBe(frames.length);
    expect(await collector.metrics.total('spooled')).toBeGreaterThan(0);
    expect(await collector.metrics.total('dropped')).toBe(0);
    expect(await collector.metrics.total('rejected')).toBe(0);

    const reader = await recordReader(kafkaBus([kafka.bootstrap], logger, 'reader'), config.SIP_RAW_TOPIC).start();
    await pollUntil(() => new Set(reader.items.map((r) => r.recordId)).size >= frames.length, {
      timeoutMs: 90_000,
      what: `${frames.length} distinct records (have ${reader.items.length})`,
    });
    await reader.stop();
    const distinct = new Set(reader.items.map((r) => r.recordId));
    expect(distinct.size).toBe(frames.length);

    // Order per Call-ID: the first copy of each record, by Call-ID, as the frames were sent.
    const decoder = new FireBrickSyslogDecoder({ lineTimeoutUs: 1 });
    const sentOrder = frames.flatMap((f) =>
      decoder.decode(f, { receivedTimeUs: 0 }).records.map((c) => c.captureTimeUs),
    );
    expect(sentOrder).toHaveLength(frames.length);
    const seen = new Set<string>();
    const firstCopies = reader.items.filter((r) => !seen.has(r.recordId) && seen.add(r.recordId));
    for (const ids of idsByCallId(firstCopies).values()) {
      const times = ids.map((id) => firstCopies.find((r) => r.recordId === id)!.captureTimeUs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    logger.info({ duplicates: reader.items.length - distinct.size }, 'outage test done');
  });
});
