import { join } from 'node:path';
import type { KafkaBus } from '@sipflow/bus';
import {
  freePort,
  getKafka,
  makeTempDir,
  pollUntil,
  requireCommand,
  sippMessageCount,
  spawnPeer,
  startKamailio,
  type Peer,
} from '@sipflow/testing';
import { DeviceDirectory, type SipRecord } from '@sipflow/sip';
import { afterAll, describe, expect, it } from 'vitest';
import { startCollector, type CollectorHandle } from '../src';
import { kafkaBus, recordReader, testConfig, testLogger } from './collector-harness';

const CALLS = 5;

// Real senders: SIPp (sip-tester) makes calls UAC → Kamailio → UAS; Kamailio's siptrace sends every
// message it receives or sends as HEP v3 to the collector, and its config logs every message as a
// FireBrick-style syslog record. Every message must arrive on sip.raw.v1 exactly once: HEP records
// = the messages in the two SIPp message logs (each passes Kamailio once in, once out, and the 100
// Trying Kamailio makes is seen by the UAC); syslog records = the FBLOG lines Kamailio wrote.
describe('Kamailio (siptrace HEP v3 and FireBrick-style syslog) with SIPp calls', () => {
  const logger = testLogger();
  const dir = makeTempDir('collector-kamailio-');
  const peers: Peer[] = [];
  let collector: CollectorHandle | undefined;
  let bus: KafkaBus | undefined;

  afterAll(async () => {
    for (const p of peers) await p.stop();
    await collector?.close();
    await bus?.close();
    dir.remove();
  });

  it(`carries ${CALLS} calls' messages from both of Kamailio's outputs into Kafka`, async () => {
    const sipp = requireCommand('sipp', 'sip-tester');
    const { brokers } = await getKafka();
    const config = testConfig();
    bus = kafkaBus(brokers, logger);
    const devices = new DeviceDirectory([
      { id: 'kamailio-proxy', name: 'Kamailio proxy', hostnames: ['kamailio'], captureIds: [2001] },
    ]);
    collector = await startCollector({ config, logger, bus, devices, dataDir: dir.path });
    const [sipPort, uasPort, uacPort] = [await freePort(), await freePort(), await freePort()];
    const kamailio = await startKamailio(dir.path, {
      sip: sipPort,
      uas: uasPort,
      hep: collector.ports.hepUdp,
      syslog: collector.ports.syslogUdp,
    });
    peers.push(kamailio);
    const common = [
      '-i',
      '127.0.0.1',
      '-nostdin',
      '-trace_msg',
      '-m',
      String(CALLS),
      '-timeout',
      '60',
      '-timeout_error',
    ];
    const uas = spawnPeer(
      sipp,
      ['-sn', 'uas', '-p', String(uasPort), ...common, '-message_file', 'uas.msg'],
      dir.path,
      90_000,
    );
    peers.push(uas);
    await new Promise((r) => setTimeout(r, 300));
    const uac = spawnPeer(
      sipp,
      [
        '-sn',
        'uac',
        `127.0.0.1:${sipPort}`,
        '-p',
        String(uacPort),
        '-r',
        '5',
        '-d',
        '200',
        ...common,
        '-message_file',
        'uac.msg',
      ],
      dir.path,
      90_000,
    );
    peers.push(uac);
    expect(await uac.exited, uac.log().slice(-3000)).toBe(0);
    expect(await uas.exited).toBe(0);
    expect(uac.log()).toMatch(/Successful call\s+\|\s+0\s+\|\s+5/);

    // What crossed Kamailio per call, both legs: UAC side INVITE 100 180 200 ACK BYE 200, UAS side
    // INVITE 180 200 ACK BYE 200. SIPp's own -trace_msg log is not the reference: it is written
    // lazily and can miss its last line when SIPp exits. Its sent/received lines are a floor.
    const sippMessages = CALLS * 13;
    const sippLogged = sippMessageCount(join(dir.path, 'uac.msg')) + sippMessageCount(join(dir.path, 'uas.msg'));
    expect(sippLogged).toBeGreaterThanOrEqual(sippMessages - 2);
    expect(sippLogged).toBeLessThanOrEqual(sippMessages);
    // Kamailio's last sends and syslog lines settle within moments of SIPp's end.
    await pollUntil(() => kamailio.fblogLines() >= CALLS * 12, { what: 'Kamailio FBLOG lines' });
    const fblog = kamailio.fblogLines();

    const reader = await recordReader(bus, config.SIP_RAW_TOPIC).start();
    await pollUntil(() => reader.items.length >= sippMessages + fblog, {
      timeoutMs: 60_000,
      what: `records (have ${reader.items.length}, want ${sippMessages + fblog})`,
    });
    await new Promise((r) => setTimeout(r, 1500));
    await reader.stop();

    const hep = reader.items.filter((r) => r.ingestPath === 'hep');
    const syslog = reader.items.filter((r) => r.ingestPath === 'syslog');
    expect(hep).toHaveLength(sippMessages);
    expect(syslog).toHaveLength(fblog);
    expect(new Set(reader.items.map((r) => r.recordId)).size).toBe(reader.items.length);
    expect(await collector.metrics.total('rejected')).toBe(0);
    for (const r of reader.items) expect(r.device).toMatchObject({ id: 'kamailio-proxy', name: 'Kamailio proxy' });
    expect(
      hep.every(
        (r) => r.transport === 'udp' && r.source?.address === '127.0.0.1' && r.destination?.address === '127.0.0.1',
      ),
    ).toBe(true);
    expect(new Set(syslog.map((r) => r.direction))).toEqual(new Set(['rx', 'tx']));

    // Per call: the same messages through both outputs, every call complete.
    const startLines = (records: SipRecord[]) => {
      const byCall = new Map<string, string[]>();
      for (const r of records) {
        const line = Buffer.from(r.raw).toString('latin1').split('\r\n')[0]!;
        byCall.set(r.callId, [
          ...(byCall.get(r.callId) ?? []),
          line.startsWith('SIP/2.0') ? line.split(' ')[1]! : line.split(' ')[0]!,
        ]);
      }
      return byCall;
    };
    const hepCalls = startLines(hep);
    expect(hepCalls.size).toBe(CALLS);
    for (const lines of hepCalls.values()) {
      expect(lines.sort()).toEqual([
        '100',
        '180',
        '180',
        '200',
        '200',
        '200',
        '200',
        'ACK',
        'ACK',
        'BYE',
        'BYE',
        'INVITE',
        'INVITE',
      ]);
    }
    const syslogCalls = startLines(syslog);
    expect(syslogCalls.size).toBe(CALLS);
    for (const lines of syslogCalls.values()) expect(lines.filter((l) => l === 'INVITE')).toHaveLength(2);
  });
});
