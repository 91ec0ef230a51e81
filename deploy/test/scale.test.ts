import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firebrickCallCopy, firebrickFrames } from '@sipflow/ingest';
import { openStoreConnection, SipStore } from '@sipflow/store';
import {
  freePort,
  getKafka,
  loopbackCollectorEnv,
  makeTempDir,
  pollUntil,
  requireCommand,
  samplePath,
  spawnPeer,
  startKamailio,
  type Peer,
} from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  spawnService,
  startCollectorProcess,
  startCorrelatorProcess,
  untilPrinted,
  type ServiceProcess,
} from './processes';

// Scale proof on one machine, the production shape in miniature: three collector processes and
// correlators in a consumer group on one real Kafka (deploy/local launcher, KRaft) with a
// six-partition raw topic, every process a separate OS process started from its bin with its
// configuration in the environment, sharing one store through CLICKHOUSE_URL (the store host:
// chDB binds one data directory per process, so it serves them all over ClickHouse's HTTP
// interface). Traffic: FireBrick syslog records replayed from samples/seed-call (each call server
// reporting to its own collector) and SIPp calls through Kamailio (HEP to one collector, syslog to
// another). A reference correlator alone in its own group reads the same topic into its own
// database; the pair must write exactly the same calls, although one of the pair is killed with
// SIGKILL in the middle of the traffic and the other takes over its partitions.

const SEED_CALLS = 12;
const SIPP_CALLS = 5;
const PARTITIONS = 6;
const PASSWORD = 'scale-test-password';

interface StoredCall {
  id: string;
  legs: number;
  sipCallIds: string[];
}

async function storedCalls(url: string, database: string): Promise<StoredCall[]> {
  const connection = await openStoreConnection({
    CLICKHOUSE_URL: url,
    CLICKHOUSE_USER: 'sipflow',
    CLICKHOUSE_PASSWORD: PASSWORD,
    CLICKHOUSE_DATABASE: database,
    SIPFLOW_DATA_DIR: '',
  });
  try {
    const store = new SipStore(connection);
    const found = await store.searchCalls({ limit: 1000 });
    const graphs = await Promise.all(found.map((c) => store.getCall(c.id)));
    return graphs
      .filter((g) => g !== undefined && g !== null)
      .map((g) => ({ id: g.id, legs: g.legs.length, sipCallIds: [...g.sipCallIds].sort() }))
      .sort((a, b) => a.sipCallIds[0]!.localeCompare(b.sipCallIds[0]!));
  } catch {
    return []; // tables not created yet
  } finally {
    await connection.close();
  }
}

async function sendDatagrams(port: number, datagrams: Buffer[]): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (const [i, bytes] of datagrams.entries()) {
      await new Promise<void>((done, fail) => socket.send(bytes, port, '127.0.0.1', (e) => (e ? fail(e) : done())));
      // A paced sender (a few thousand datagrams a second), as a fleet of devices is.
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    socket.close();
  }
}

/** RFC 5424 HOSTNAME: the call server that logged the message. */
const hostnameOf = (bytes: Buffer) => bytes.toString('latin1').split(' ', 3)[2] ?? '-';

describe('several collectors and two correlators on one Kafka', () => {
  const dir = makeTempDir('sipflow-scale-');
  const running: ServiceProcess[] = [];
  const peers: Peer[] = [];
  afterAll(async () => {
    for (const p of peers) await p.stop();
    for (const p of running.reverse()) await p.stop(5_000);
    dir.remove();
  });

  it('correlate every call completely, exactly as one process does, across a SIGKILL and the rebalance', async () => {
    const sipp = requireCommand('sipp', 'sip-tester');
    const { brokers } = await getKafka();
    const suffix = `${process.pid}-${Date.now()}`;

    // The device map: the seed call's fleet, and the Kamailio proxy (HEP capture id 2001, syslog hostname).
    const devices = JSON.parse(readFileSync(samplePath('seed-call', 'devices.json'), 'utf8')) as {
      devices: object[];
    };
    devices.devices.push({ id: 'kamailio-proxy', name: 'Kamailio proxy', hostnames: ['kamailio'], captureIds: [2001] });
    const deviceMap = join(dir.path, 'devices.json');
    writeFileSync(deviceMap, JSON.stringify(devices));

    const storeHost = spawnService('store-host', 'services/store-host/bin/store-host.cjs', {
      SIPFLOW_DATA_DIR: join(dir.path, 'store'),
      STORE_HOST_PORT: '0',
      CLICKHOUSE_USER: 'sipflow',
      CLICKHOUSE_PASSWORD: PASSWORD,
    });
    running.push(storeHost);
    const clickhouseUrl = await untilPrinted(storeHost, /^CLICKHOUSE_URL=(\S+)$/m);

    const kafka = {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
      SIP_RAW_TOPIC: `scale-raw-${suffix}`,
      SIP_DEADLETTER_TOPIC: `scale-dead-${suffix}`,
      DEVICE_MAP_FILE: deviceMap,
    };
    const collectors = await Promise.all(
      [0, 1, 2].map((i) =>
        startCollectorProcess(`collector-${i}`, {
          ...kafka,
          ...loopbackCollectorEnv(),
          COLLECTOR_SPOOL_DIR: join(dir.path, `spool-${i}`),
        }),
      ),
    );
    running.push(...collectors);

    const correlatorEnv = (group: string, database: string) => ({
      ...kafka,
      CLICKHOUSE_URL: clickhouseUrl,
      CLICKHOUSE_USER: 'sipflow',
      CLICKHOUSE_PASSWORD: PASSWORD,
      CLICKHOUSE_DATABASE: database,
      CORRELATOR_GROUP_ID: `${group}-${suffix}`,
      SIP_LEGS_TOPIC: `scale-legs-${group}-${suffix}`,
      CORRELATOR_LINGER_SECONDS: '2',
      CORRELATOR_FLUSH_INTERVAL_MS: '250',
      LOG_LEVEL: 'info', // partition assignments are logged at info
    });
    // The reference first (it creates the topics), then the pair.
    const single = await startCorrelatorProcess('correlator-single', correlatorEnv('single', 'scale_single'));
    running.push(single);
    const [a, b] = await Promise.all([
      startCorrelatorProcess('correlator-a', correlatorEnv('pair', 'scale_pair')),
      startCorrelatorProcess('correlator-b', correlatorEnv('pair', 'scale_pair')),
    ]);
    running.push(a, b);

    // FireBrick records: each call server reports to one collector, so one call crosses several.
    const frames = firebrickFrames(readFileSync(samplePath('seed-call', 'seed-call.syslog')));
    const hostnames = [...new Set(firebrickCallCopy(frames, 0, 0).map(hostnameOf))].sort();
    expect(hostnames.length).toBeGreaterThanOrEqual(3);
    const replay = async (copies: number[]) => {
      const byCollector: Buffer[][] = [[], [], []];
      const nowUs = Date.now() * 1000;
      for (const k of copies) {
        // Calls 300 ms apart, ending now: live traffic, closed by the correlators' linger time.
        for (const bytes of firebrickCallCopy(frames, k, nowUs - (SEED_CALLS - k) * 300_000)) {
          byCollector[hostnames.indexOf(hostnameOf(bytes)) % 3]!.push(bytes);
        }
      }
      await Promise.all(collectors.map((c, i) => sendDatagrams(c.ports.syslogUdp, byCollector[i]!)));
    };

    // Both members of the pair hold partitions before traffic flows.
    await pollUntil(() => /partitions assigned/.test(a.output()) || undefined, { timeoutMs: 60_000, what: 'a' });
    await new Promise((r) => setTimeout(r, 6_000));

    // Wave 1: half the FireBrick calls, and SIPp calls through Kamailio (HEP to collector 1,
    // FireBrick-style syslog to collector 2), all with the same numbers, 200 ms apart.
    const [sipPort, uasPort, uacPort] = [await freePort(), await freePort(), await freePort()];
    const kamailio = await startKamailio(dir.path, {
      sip: sipPort,
      uas: uasPort,
      hep: collectors[1]!.ports.hepUdp,
      syslog: collectors[2]!.ports.syslogUdp,
    });
    peers.push(kamailio);
    const common = ['-i', '127.0.0.1', '-nostdin', '-m', String(SIPP_CALLS), '-timeout', '60', '-timeout_error'];
    const uas = spawnPeer(sipp, ['-sn', 'uas', '-p', String(uasPort), ...common], dir.path, 90_000);
    peers.push(uas);
    await new Promise((r) => setTimeout(r, 300));
    const uac = spawnPeer(
      sipp,
      ['-sn', 'uac', `127.0.0.1:${sipPort}`, '-p', String(uacPort), '-r', '5', '-d', '200', ...common],
      dir.path,
      90_000,
    );
    peers.push(uac);
    await replay([0, 1, 2, 3, 4, 5]);
    expect(await uac.exited, uac.log().slice(-2000)).toBe(0);

    // Wave 2, and the kill in the middle of it: b goes without a word (no commit, no leave-group);
    // after the session timeout the group gives its partitions to a, which re-reads what b had not
    // committed.
    await pollUntil(async () => ((await b.stats()).records > 0 ? true : undefined), { what: 'b to take records' });
    const wave2 = replay([6, 7, 8]);
    b.child.kill('SIGKILL');
    expect(await b.exited).toBe('SIGKILL');
    await wave2;
    await replay([9, 10, 11]);

    // The reference: every call complete.
    const expected = SEED_CALLS + SIPP_CALLS;
    let seen: StoredCall[] = [];
    const reference = await pollUntil(
      async () => {
        seen = await storedCalls(clickhouseUrl, 'scale_single');
        return seen.length === expected && seen.filter((c) => c.legs === 8).length === SEED_CALLS ? seen : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1000, what: `${expected} complete calls from the single correlator` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(seen)}\n${single.output().slice(-3000)}`);
    });
    // Each SIPp call is a call of its own (same numbers, 200 ms apart: no false B2BUA join).
    const sippCalls = reference.filter((c) => c.sipCallIds.every((id) => id.endsWith('@127.0.0.1')));
    expect(sippCalls).toHaveLength(SIPP_CALLS);
    for (const call of sippCalls) expect(call.sipCallIds).toHaveLength(1);

    // The pair, after the rebalance: the same calls, the same legs, the same ids.
    const pair = await pollUntil(
      async () => {
        const calls = await storedCalls(clickhouseUrl, 'scale_pair');
        return JSON.stringify(calls) === JSON.stringify(reference) ? calls : undefined;
      },
      {
        timeoutMs: 150_000,
        intervalMs: 1000,
        what: `the pair's calls to equal the reference (a: ${a.output().slice(-1500)})`,
      },
    );
    expect(pair).toEqual(reference);
    // a took over b's partitions (the rebalance happened), and the survivor is still healthy.
    const assignments = a
      .output()
      .split('\n')
      .filter((l) => l.includes('partitions assigned'))
      .map((l) => (JSON.parse(l) as { partitions: number[] }).partitions);
    expect(assignments.at(-1)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(assignments.some((p) => p.length < PARTITIONS)).toBe(true);
    expect((await a.stats()).records).toBeGreaterThan(0);
  }, 420_000);
});
