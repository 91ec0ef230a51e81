import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort, hepOfFrame, loopbackCollectorEnv, startKafka, stopKafka, syntheticFrames } from '@sipflow/testing';

// bench/collector: the highest sustained rate of syslog UDP (FireBrick records from the seed call,
// realistic sizes) and HEP v3 UDP messages the collector takes into Kafka with zero loss, its CPU
// seconds per 10k messages, and the same for a peer (rsyslog imudp → omkafka) on the same bytes.
// Everything on this machine: broker, collector, sender. On demand only: node bench/collector/run.cjs

const root = resolve(__dirname, '..', '..');
const collectorBin = join(root, 'services', 'collector', 'bin', 'collector.cjs');
const senderScript = join(__dirname, 'udp-sender.cjs');
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

interface Options {
  rates: number[];
  seconds: number;
  runs: number;
  targets: string[];
}

function parseArgs(argv: string[]): Options {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  return {
    rates: get('rates', '10000,20000,30000,40000,50000,60000,70000,80000,100000').split(',').map(Number),
    seconds: Number(get('seconds', '5')),
    runs: Number(get('runs', '3')),
    targets: get('targets', 'syslog,hep,rsyslog').split(','),
  };
}

const SLACK_SECONDS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** utime + stime of a process (and its threads), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

interface Target {
  name: string;
  pid: number;
  /** The collector's metrics endpoint (received vs published tells where a loss happened). */
  httpPort?: number;
  port: number;
  topic: string;
  payloadFile: string;
  stop: () => Promise<void>;
}

function writePayloads(file: string, payloads: Buffer[]): void {
  writeFileSync(
    file,
    Buffer.concat(
      payloads.flatMap((p) => {
        const n = Buffer.alloc(4);
        n.writeUInt32BE(p.length);
        return [n, p];
      }),
    ),
  );
}

function spawnLogged(command: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function startCollectorTarget(name: 'syslog' | 'hep', brokers: string, work: string): Promise<Target> {
  const topic = `bench.sip.raw.${name}.${randomBytes(3).toString('hex')}`;
  const child = spawnLogged(process.execPath, [collectorBin], {
    ...loopbackCollectorEnv(),
    KAFKA_BROKERS: brokers,
    LOG_LEVEL: 'warn',
    COLLECTOR_SPOOL_DIR: join(work, `spool-${name}`),
    SIP_RAW_TOPIC: topic,
    SIP_DEADLETTER_TOPIC: `${topic}.dead`,
    KAFKA_TOPIC_PARTITIONS: '6',
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err = (err + c).slice(-5000)));
  for (let i = 0; i < 600 && !out.includes('collector-started'); i++) await sleep(100);
  if (!out.includes('collector-started')) throw new Error(`collector did not start: ${err}`);
  const ports = JSON.parse(out.split('\n').find((l) => l.includes('collector-started'))!).ports;
  // Timestamps of now: Kafka refuses message timestamps far from its clock, and rsyslog's omkafka
  // stamps each message with its syslog time.
  const frames = syntheticFrames(20_000, new Date(Date.now() - 60_000).toISOString());
  const payloads = name === 'syslog' ? frames : frames.map(hepOfFrame);
  const payloadFile = join(work, `${name}.payloads`);
  writePayloads(payloadFile, payloads);
  return {
    name: `sipflow collector, ${name === 'syslog' ? 'syslog' : 'HEP v3'} UDP`,
    pid: child.pid!,
    port: name === 'syslog' ? ports.syslogUdp : ports.hepUdp,
    httpPort: ports.http,
    topic,
    payloadFile,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** rsyslog with imudp → omkafka (Debian rsyslog-kafka), idempotent producer and gzip like the collector. */
async function startRsyslogTarget(brokers: string, work: string): Promise<Target | undefined> {
  const which = spawnSync('sh', ['-c', 'command -v rsyslogd'], { encoding: 'utf8' }).stdout.trim();
  if (!which) {
    console.log('rsyslog: not installed (apt-get install -y rsyslog rsyslog-kafka); peer skipped');
    return undefined;
  }
  const topic = `bench.rsyslog.${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const dir = join(work, 'rsyslog');
  rmSync(dir, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', dir]);
  const conf = join(dir, 'rsyslog.conf');
  writeFileSync(
    conf,
    [
      `global(workDirectory="${dir}" maxMessageSize="64k")`,
      'module(load="imudp" threads="1")',
      'module(load="omkafka")',
      `input(type="imudp" address="127.0.0.1" port="${port}" rcvbufSize="8m")`,
      'template(name="raw" type="string" string="%rawmsg%")',
      `action(type="omkafka" broker=["${brokers}"] topic="${topic}" template="raw" partitions.auto="on"`,
      '  confParam=["compression.codec=gzip", "enable.idempotence=true", "acks=all", "linger.ms=20", "queue.buffering.max.messages=1000000"]',
      '  queue.type="LinkedList" queue.size="1000000" queue.dequeueBatchSize="2000")',
      '',
    ].join('\n'),
  );
  const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'bench-admin', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6, replicationFactor: 1 }] });
  await admin.disconnect();
  const child = spawnLogged(which, ['-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')], {});
  let err = '';
  child.stderr!.on('data', (c) => (err = (err + c).slice(-5000)));
  await sleep(1500);
  if (child.exitCode !== null) throw new Error(`rsyslogd exited: ${err}`);
  return {
    name: 'rsyslog 8 imudp → omkafka (peer)',
    pid: child.pid!,
    port,
    topic,
    payloadFile: join(work, 'syslog.payloads'),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

type Admin = ReturnType<Kafka['admin']>;

/** Messages on a topic; undefined when the broker did not answer (busy) or the topic is not there yet. */
async function topicCount(admin: Admin, topic: string): Promise<number | undefined> {
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
  } catch {
    return undefined;
  }
}

async function received(target: Target): Promise<number | undefined> {
  if (!target.httpPort) return undefined;
  const page = await (await fetch(`http://127.0.0.1:${target.httpPort}/metrics`)).text();
  return page
    .split('\n')
    .filter((l) => l.startsWith('sipflow_collector_received_total{'))
    .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

interface Step {
  rate: number;
  /** From the first datagram sent until the last one was on the topic. */
  drainSeconds: number;
  /** Datagrams the collector read from its socket (the rest were dropped by the kernel). */
  received?: number;
  sent: number;
  sendSeconds: number;
  delivered: number;
  cpu: number;
}

async function step(kafka: Admin, target: Target, rate: number, seconds: number): Promise<Step> {
  const count = rate * seconds;
  const before = (await topicCount(kafka, target.topic)) ?? 0;
  const received0 = await received(target);
  const cpu0 = cpuSeconds(target.pid);
  const started = performance.now();
  const sender = spawn(
    process.execPath,
    [senderScript, String(target.port), String(rate), String(count), target.payloadFile],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  sender.stdout!.on('data', (c) => (out += c));
  await new Promise((r) => sender.once('exit', r));
  const { sent, seconds: sendSeconds } = JSON.parse(out) as { sent: number; failed: number; seconds: number };
  // Delivered: the topic grows until it stops (or reaches what was sent).
  let delivered = 0;
  let last = -1;
  let still = 0;
  let drainSeconds = NaN;
  while (delivered < sent && still < 40) {
    await sleep(100);
    const now = await topicCount(kafka, target.topic);
    if (now !== undefined) delivered = now - before;
    still = delivered === last ? still + 1 : 0;
    last = delivered;
    if (delivered >= sent) drainSeconds = (performance.now() - started) / 1000;
  }
  const received1 = await received(target);
  const got = received0 === undefined || received1 === undefined ? undefined : received1 - received0;
  return {
    rate,
    drainSeconds,
    sent,
    sendSeconds,
    delivered,
    cpu: cpuSeconds(target.pid) - cpu0,
    ...(got === undefined ? {} : { received: got }),
  };
}

/**
 * Climbs the rates until a step loses anything or falls behind: sustained means everything sent
 * was on the topic within SLACK_SECONDS of the end of sending (a backlog absorbed by the buffers
 * is not a sustained rate). The highest such step is the result.
 */
async function climb(kafka: Admin, target: Target, options: Options) {
  // Warm-up (not counted): JIT, producer connection, topic creation.
  await step(kafka, target, 2000, 2);
  let best: Step | undefined;
  for (const rate of options.rates) {
    const s = await step(kafka, target, rate, options.seconds);
    const achieved = Math.round(s.sent / s.sendSeconds);
    const lost = s.sent - s.delivered;
    const behind = !(s.drainSeconds <= s.sendSeconds + SLACK_SECONDS);
    console.log(
      `  ${target.name}: ${rate}/s offered, ${achieved}/s sent, ${s.delivered}/${s.sent} delivered${lost ? ` (${lost} lost)` : ` within ${s.drainSeconds.toFixed(1)} s${behind ? ' (fell behind)' : ''}`}, ${((s.cpu / s.sent) * 10_000).toFixed(3)} CPU s/10k`,
    );
    if (lost > 0 || behind || achieved < rate * 0.95) break;
    best = s;
    await sleep(1000);
  }
  return best;
}

export async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  const work = mkdtempSync(join(tmpdir(), 'sipflow-bench-collector-'));
  let brokers = process.env.KAFKA_BROKERS ?? '';
  const kafkaDir = join(work, 'kafka');
  if (!brokers) {
    const running = await startKafka({ dir: kafkaDir, heapMb: 1024, log: (l) => console.log(l) });
    brokers = running.bootstrap;
  }
  // One admin connection for every offset check (a connection per check would be what is measured).
  const admin = new Kafka({ brokers: brokers.split(','), clientId: 'bench', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const results = new Map<string, { rate: number; cpuPer10k: number }[]>();
  let current: Target | undefined;
  // Ctrl-C: stop what this script started (the collector or peer, and a launcher broker).
  process.once('SIGINT', () => {
    void (async () => {
      await current?.stop().catch(() => {});
      if (!process.env.KAFKA_BROKERS) await stopKafka(kafkaDir).catch(() => {});
      process.exit(130);
    })();
  });
  try {
    for (let run = 1; run <= options.runs; run++) {
      console.log(`run ${run}/${options.runs}`);
      for (const name of options.targets) {
        const target =
          name === 'rsyslog'
            ? await startRsyslogTarget(brokers, work)
            : await startCollectorTarget(name === 'hep' ? 'hep' : 'syslog', brokers, work);
        if (!target) continue;
        current = target;
        try {
          const best = await climb(admin, target, options);
          const list = results.get(target.name) ?? [];
          list.push(
            best ? { rate: best.rate, cpuPer10k: (best.cpu / best.sent) * 10_000 } : { rate: 0, cpuPer10k: NaN },
          );
          results.set(target.name, list);
        } finally {
          await target.stop();
        }
      }
    }
  } finally {
    await admin.disconnect().catch(() => {});
    if (!process.env.KAFKA_BROKERS) await stopKafka(kafkaDir);
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nmedians of ${options.runs} runs, ${options.seconds} s per step, rates ${options.rates.join(', ')}/s:`);
  console.log('| target | highest lossless rate (msg/s) | CPU s per 10k msgs |');
  console.log('| --- | ---: | ---: |');
  const rows = [...results.entries()].map(([name, list]) => ({
    name,
    rate: median(list.map((r) => r.rate)),
    cpu: median(list.map((r) => r.cpuPer10k)),
  }));
  for (const r of rows) console.log(`| ${r.name} | ${r.rate} | ${r.cpu.toFixed(3)} |`);
  const ours = rows.find((r) => r.name.includes('syslog UDP'));
  const peer = rows.find((r) => r.name.includes('rsyslog'));
  if (ours && peer && peer.rate > 0) {
    console.log(
      `\nsyslog UDP, collector / rsyslog: rate ${(ours.rate / peer.rate).toFixed(2)}×, CPU per message ${(ours.cpu / peer.cpu).toFixed(2)}×`,
    );
  }
}
