import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { KafkaBus } from '@sipflow/bus';
import { getKafka, hepOfFrame, makeTempDir, pollUntil, seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorHandle } from '../src';
import {
  deadLetterReader,
  kafkaBus,
  octetCounted,
  recordReader,
  seedFrames,
  sendTcp,
  sendUdp,
  testConfig,
  testLogger,
} from './collector-harness';

const openTcp = async (port: number): Promise<Socket> => {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => {});
  return socket;
};

// Malformed datagrams, truncated TCP frames, garbage on the HEP ports and a slow-loris client must
// not stop good traffic: the good records all arrive, the bad input is dead-lettered and counted.
describe('hostile input next to good traffic', () => {
  const logger = testLogger();
  const data = makeTempDir('collector-hostile-');
  let bus: KafkaBus;
  let collector: CollectorHandle;
  let config: ReturnType<typeof testConfig>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const { brokers } = await getKafka();
    bus = kafkaBus(brokers, logger);
    config = testConfig({ COLLECTOR_TCP_IDLE_TIMEOUT_MS: '3000', COLLECTOR_MAX_MESSAGE_BYTES: '65536' });
    collector = await startCollector({ config, logger, bus, devices: seedCallDevices(), dataDir: data.path });
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await collector.close();
    await bus.close();
    data.remove();
  });

  it('keeps taking good syslog and HEP while bad input arrives on every port', async () => {
    const p = collector.ports;
    // A slow-loris client: starts an octet-counted frame and then trickles a byte now and then.
    const loris = await openTcp(p.syslogTcp);
    sockets.push(loris);
    loris.write('900 <134>1 2026');
    const trickle = setInterval(() => loris.write('x'), 200);
    // A client that opens connections and sends nothing, up to a few.
    for (let i = 0; i < 5; i++) sockets.push(await openTcp(p.syslogTcp));
    // A truncated octet-counted frame, then the connection closes.
    await sendTcp(
      p.syslogTcp,
      Buffer.from('5000 <134>1 2026-11-20T10:15:00.000000Z cs-b voip-udp-rx - - - VoIP Rx 1>\nINVITE'),
    );
    // A frame that is neither a length nor "<", and an oversized length.
    await sendTcp(p.syslogTcp, Buffer.from('garbage line\n99999999 x'));
    // Malformed datagrams: empty-ish, random bytes, syslog without SIP after a FireBrick header.
    const badDatagrams = [
      Buffer.from([0]),
      randomBytes(300),
      Buffer.from('<134>1 2026-11-20T10:15:00.000000Z cs-b voip-udp-rx - - - VoIP Rx 59>\nnot sip at all\n'),
      Buffer.from('<999>garbage'),
    ];
    await sendUdp(p.syslogUdp, badDatagrams);
    // Garbage on the HEP ports (UDP and TCP), then a good HEP packet on the same TCP connection.
    await sendUdp(p.hepUdp, [randomBytes(100), Buffer.from('HEP3\x00\x40short')]);
    const frames = seedFrames();
    const hep = frames.slice(0, 10).map(hepOfFrame);
    await sendTcp(p.hepTcp, Buffer.concat([randomBytes(200), hep[0]!, Buffer.from('junk'), ...hep.slice(1, 5)]));
    await sendUdp(p.hepUdp, hep.slice(5));

    // Good traffic on every syslog transport meanwhile.
    await sendUdp(p.syslogUdp, frames.slice(0, 36));
    await sendTcp(p.syslogTcp, octetCounted(frames.slice(36)));
    clearInterval(trickle);

    const expected = seedCallRecords();
    const reader = await recordReader(bus, config.SIP_RAW_TOPIC).start();
    await pollUntil(() => reader.items.length >= expected.length + hep.length, {
      timeoutMs: 60_000,
      what: 'good records',
    });
    const letters = await deadLetterReader(bus, config.SIP_DEADLETTER_TOPIC).start();
    await pollUntil(() => letters.items.length >= 8, { timeoutMs: 60_000, what: 'dead letters' });
    await new Promise((r) => setTimeout(r, 1000));
    await reader.stop();
    await letters.stop();

    const syslog = reader.items.filter((r) => r.ingestPath === 'syslog');
    expect(new Set(syslog.map((r) => r.recordId))).toEqual(new Set(expected.map((r) => r.recordId)));
    expect(syslog).toHaveLength(expected.length);
    const fromHep = reader.items.filter((r) => r.ingestPath === 'hep');
    expect(fromHep).toHaveLength(hep.length);
    expect(new Set(fromHep.map((r) => r.device.id))).toEqual(new Set(['hep:2001']));
    expect(fromHep.every((r) => r.source?.address === '192.0.2.10' && r.destination?.port === 5060)).toBe(true);

    const reasons = letters.items.map((l) => l.reason).join('\n');
    expect(reasons).toMatch(/empty datagram/);
    expect(reasons).toMatch(/octet-counted frame/);
    expect(reasons).toMatch(/neither a length nor/);
    expect(reasons).toMatch(/HEP3/);
    expect(letters.items.every((l) => l.source.startsWith('127.0.0.1:'))).toBe(true);
    expect(await collector.metrics.total('rejected')).toBe(letters.items.length);
    expect(await collector.metrics.total('dropped')).toBe(0);
    // The silent connections (and the slow-loris one, once it stopped trickling) are closed by the
    // idle time-out; none of them held up anyone else meanwhile.
    await pollUntil(
      async () => (await collector.metrics.text()).includes('sipflow_collector_connections{listener="syslog-tcp"} 0'),
      {
        timeoutMs: 10_000,
        what: 'idle connections closed',
      },
    );
  });
});
