import { createSocket } from 'node:dgram';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeSipRecord, decodeHepPacket } from '@sipflow/ingest';
import type { DeviceEntry, SipRecord } from '@sipflow/sip';
import { freePort, requireCommand, spawnPeer, startKamailio, type Peer } from '@sipflow/testing';
import { accuracyKamailioConfig, DIALLED, type AccuracyPorts } from './kamailio-accuracy.cfg';
import {
  uacAnswered,
  uacAuthenticated,
  uacBusy,
  uacCancelled,
  uasAnswer,
  uasBusy,
  uasRingUntilCancelled,
} from './sipp-scenarios';

export type ScenarioName = keyof typeof DIALLED;
export const SCENARIOS: readonly ScenarioName[] = ['basic', 'busy', 'cancel', 'fork', 'auth', 'topoh'];

export interface GeneratedTraffic {
  /** Every message Kamailio mirrored over HEP v3, decoded as the collector does. */
  records: SipRecord[];
  devices: DeviceEntry[];
  /** Per scenario: calls SIPp completed as scripted (its "Successful call" count) of those asked for. */
  completed: Record<string, { asked: number; successful: number }>;
  /** HEP datagrams that did not decode (must stay 0). */
  rejectedDatagrams: number;
}

export interface GenerateOptions {
  dir: string;
  callsPerScenario: number;
  /** New calls per second: calls overlap, with the same numbers. */
  rate: number;
  scenarios?: readonly ScenarioName[];
}

/**
 * Drives SIPp calls through real Kamailio proxies, one scenario after another, and collects what
 * their siptrace modules mirror over HEP v3. Bounded: every peer has a deadline.
 */
export async function generateTraffic(options: GenerateOptions): Promise<GeneratedTraffic> {
  const sipp = requireCommand('sipp', 'sip-tester');
  const { dir, callsPerScenario: calls, rate } = options;
  const ports: AccuracyPorts = {
    sip: await freePort(),
    answer: await freePort(),
    ring: await freePort(),
    busy: await freePort(),
    hep: 0,
  };
  const topohPort = await freePort();
  const uacPort = await freePort();

  const records: SipRecord[] = [];
  let rejectedDatagrams = 0;
  const hep = createSocket('udp4');
  // The collector names a HEP reporter by its capture id (`hep:2001`) through the device map.
  const deviceOf = (hint: string | undefined) =>
    hint === 'hep:2002'
      ? { id: 'kamailio-topoh', name: 'Kamailio topology hider' }
      : { id: 'kamailio', name: 'Kamailio proxy' };
  hep.on('message', (datagram) => {
    const batch = decodeHepPacket(datagram, { receivedTimeUs: Date.now() * 1000 });
    rejectedDatagrams += batch.rejections.length;
    for (const captured of batch.records) records.push(completeSipRecord(captured, deviceOf(captured.deviceHint)));
  });
  await new Promise<void>((ready) => hep.bind(0, '127.0.0.1', ready));
  ports.hep = hep.address().port;

  const peers: Peer[] = [];
  const completed: GeneratedTraffic['completed'] = {};
  try {
    const proxyDir = join(dir, 'proxy');
    const topohDir = join(dir, 'topoh');
    for (const d of [proxyDir, topohDir]) mkdirSync(d, { recursive: true });
    peers.push(await startKamailio(proxyDir, accuracyKamailioConfig(ports, 2001)));
    peers.push(await startKamailio(topohDir, accuracyKamailioConfig({ ...ports, sip: topohPort }, 2002, true)));

    const write = (name: string, xml: string) => {
      const file = join(dir, name);
      writeFileSync(file, xml);
      return file;
    };
    const common = ['-i', '127.0.0.1', '-nostdin', '-m', String(calls), '-timeout', '60', '-timeout_error'];
    for (const scenario of options.scenarios ?? SCENARIOS) {
      const uases: Array<[number, string]> =
        scenario === 'busy'
          ? [[ports.busy, uasBusy()]]
          : scenario === 'cancel'
            ? [[ports.ring, uasRingUntilCancelled()]]
            : scenario === 'fork'
              ? [
                  [ports.answer, uasAnswer(600)],
                  [ports.ring, uasRingUntilCancelled()],
                ]
              : [[ports.answer, uasAnswer(200)]];
      const uasPeers = uases.map(([port, xml], i) =>
        spawnPeer(sipp, ['-sf', write(`uas-${scenario}-${i}.xml`, xml), '-p', String(port), ...common], dir, 90_000),
      );
      peers.push(...uasPeers);
      // A UAS that is not listening yet makes Kamailio answer the first calls itself (477/503).
      await Promise.all(uases.map(([port]) => untilUdpBound(port)));
      const uacXml =
        scenario === 'busy'
          ? uacBusy(scenario)
          : scenario === 'cancel'
            ? uacCancelled(scenario)
            : scenario === 'auth'
              ? uacAuthenticated(scenario)
              : uacAnswered(scenario);
      const proxy = scenario === 'topoh' ? topohPort : ports.sip;
      const uac = spawnPeer(
        sipp,
        [
          '-sf',
          write(`uac-${scenario}.xml`, uacXml),
          `127.0.0.1:${proxy}`,
          '-s',
          DIALLED[scenario],
          '-p',
          String(uacPort),
          '-r',
          String(rate),
          ...common,
        ],
        dir,
        90_000,
      );
      peers.push(uac);
      await uac.exited;
      await Promise.all(uasPeers.map((p) => p.exited));
      const successful = Number(/Successful call\s+\|\s+\d+\s+\|\s+(\d+)/.exec(uac.log())?.[1] ?? 0);
      completed[scenario] = { asked: calls, successful };
    }
    // Kamailio's last mirrored messages settle within moments of SIPp's end.
    await new Promise((r) => setTimeout(r, 1000));
  } finally {
    for (const p of peers) await p.stop();
    hep.close();
  }
  const devices: DeviceEntry[] = [
    { id: 'kamailio', name: 'Kamailio proxy', addresses: [`127.0.0.1:${ports.sip}`], captureIds: [2001] },
    {
      id: 'kamailio-topoh',
      name: 'Kamailio topology hider',
      addresses: [`127.0.0.1:${topohPort}`],
      captureIds: [2002],
    },
    { id: 'caller', name: 'Caller (SIPp)', addresses: [`127.0.0.1:${uacPort}`] },
    { id: 'callee', name: 'Callee (SIPp)', addresses: [`127.0.0.1:${ports.answer}`] },
    { id: 'ringing-phone', name: 'Ringing phone (SIPp)', addresses: [`127.0.0.1:${ports.ring}`] },
    { id: 'busy-phone', name: 'Busy phone (SIPp)', addresses: [`127.0.0.1:${ports.busy}`] },
  ];
  return { records, devices, completed, rejectedDatagrams };
}

/**
 * Resolves once some process listens on UDP `port` (Linux: /proc/net/udp lists every bound socket;
 * reading it, unlike probing with a bind, cannot steal the port from the peer starting up).
 */
async function untilUdpBound(port: number, timeoutMs = 15_000): Promise<void> {
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = readFileSync('/proc/net/udp', 'utf8');
    if (table.split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(local))) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on UDP port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
