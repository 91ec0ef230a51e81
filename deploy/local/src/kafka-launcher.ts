import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The Apache Kafka release sipflow tests against. Proven with kafkajs 2.2.4 (topic creation,
 * idempotent produce, consumer groups with the classic protocol, offset commits, admin calls) by
 * deploy/local/test/kafka-launcher.test.ts. Kafka 4 removed the pre-2.1 protocol versions, but
 * kafkajs negotiates newer ones for every API it uses; 3.9.1 remains the fallback (KAFKA_VERSION).
 */
export const PINNED_KAFKA_VERSION = '4.3.1';

export interface KafkaInstallation {
  version: string;
  /** Directory of jars: kafka_2.13 and its runtime dependencies. */
  libDir: string;
}

export interface RunningKafka {
  /** host:port of the PLAINTEXT listener. */
  bootstrap: string;
  pid: number;
  dir: string;
  logFile: string;
}

export interface StartOptions {
  /** Working directory for config, data, log and pid file; created if absent. */
  dir: string;
  version?: string;
  /** Broker port; 0 or absent picks a free one. */
  port?: number;
  heapMb?: number;
  readyTimeoutMs?: number;
  log?: (line: string) => void;
  /**
   * Restart on the data (and ports) an earlier start left in `dir` instead of formatting afresh:
   * what the broker had stored survives a stop/start (fault tests). Formats as usual if none.
   */
  keepData?: boolean;
}

const LOG4J_VERSION = '2.25.4';

const pom = (version: string) => `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.sipflow.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${version}</version></dependency>
    <!-- Kafka ships slf4j without a binding; this routes its logs to log4j2 so the server log exists. -->
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${LOG4J_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${LOG4J_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId><version>${LOG4J_VERSION}</version></dependency>
  </dependencies>
</project>
`;

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sipflow', 'kafka');
}

/**
 * Fetches Kafka and its runtime dependencies from Maven Central (through the user's Maven settings
 * and ~/.m2 cache) into a per-version cache directory. Idempotent: a completed fetch is reused.
 */
export function ensureKafka(version = process.env.KAFKA_VERSION ?? PINNED_KAFKA_VERSION, cacheDir = defaultCacheDir()) {
  const home = join(cacheDir, version);
  const libDir = join(home, 'libs');
  const marker = join(home, '.complete');
  if (existsSync(marker)) return { version, libDir } satisfies KafkaInstallation;
  mkdirSync(home, { recursive: true });
  rmSync(libDir, { recursive: true, force: true });
  writeFileSync(join(home, 'pom.xml'), pom(version));
  const mvn = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(home, 'pom.xml'),
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libDir}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (mvn.error) throw new Error(`cannot run mvn to fetch Kafka ${version}: ${mvn.error.message}`);
  if (mvn.status !== 0) {
    throw new Error(`mvn failed to fetch Kafka ${version} (exit ${mvn.status}):\n${mvn.stdout}\n${mvn.stderr}`);
  }
  writeFileSync(marker, new Date().toISOString());
  return { version, libDir } satisfies KafkaInstallation;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function serverProperties(dir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(dir, 'data')}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=8',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // A test broker on a 2-core machine: start consumer groups at once, keep threads few.
    'group.initial.rebalance.delay.ms=0',
    'num.network.threads=2',
    'num.io.threads=2',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

const log4jProperties = (logFile: string) =>
  [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = FILE',
    `appender.file.fileName = ${logFile}`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = info',
    'rootLogger.appenderRef.file.ref = FILE',
    'logger.kafka.name = org.apache.kafka',
    'logger.kafka.level = warn',
    'logger.kafkaserver.name = kafka.server.KafkaRaftServer',
    'logger.kafkaserver.level = info',
    '',
  ].join('\n');

/**
 * A random 16-byte cluster id in Kafka's URL-safe base64 form. Like Kafka's own Uuid.randomUuid,
 * never one starting with '-': the storage tool's argument parser would read it as an option
 * (one start in 64 failed that way).
 */
export function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => (socket.destroy(), done(false)));
    socket.once('timeout', () => (socket.destroy(), done(false)));
    socket.connect(port, '127.0.0.1');
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads a running instance's state from its directory (pid and bootstrap files), or undefined. */
export function readRunning(dir: string): RunningKafka | undefined {
  const pidFile = join(dir, 'kafka.pid');
  const bootstrapFile = join(dir, 'bootstrap');
  if (!existsSync(pidFile) || !existsSync(bootstrapFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!pid || !isAlive(pid)) return undefined;
  return { pid, bootstrap: readFileSync(bootstrapFile, 'utf8').trim(), dir, logFile: join(dir, 'server.log') };
}

/**
 * Formats KRaft storage for one combined broker+controller and starts it on 127.0.0.1, detached
 * (it outlives this process until stopKafka), then waits until the broker reports it started and
 * accepts connections.
 */
export async function startKafka(options: StartOptions): Promise<RunningKafka> {
  const dir = resolve(options.dir);
  const already = readRunning(dir);
  if (already) return already;
  const { libDir, version } = ensureKafka(options.version);
  mkdirSync(dir, { recursive: true });
  const propsFile = join(dir, 'server.properties');
  const logFile = join(dir, 'server.log');
  const logConfig = `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`;
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const classpath = `${libDir}/*`;
  const reuse = options.keepData && existsSync(propsFile) && existsSync(join(dir, 'data', 'meta.properties'));
  let port: number;
  if (reuse) {
    port = Number(/^listeners=PLAINTEXT:\/\/[^:]+:(\d+)/m.exec(readFileSync(propsFile, 'utf8'))?.[1]);
    // The old log holds "Kafka Server started" from the first run: start the readiness check afresh.
    rmSync(logFile, { force: true });
  } else {
    rmSync(join(dir, 'data'), { recursive: true, force: true });
    port = options.port || (await freePort());
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    writeFileSync(propsFile, serverProperties(dir, port, controllerPort));
    writeFileSync(join(dir, 'log4j2.properties'), log4jProperties(logFile));
    const format = spawnSync(
      java,
      ['-cp', classpath, logConfig, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', propsFile],
      { encoding: 'utf8' },
    );
    if (format.error) throw new Error(`cannot run ${java}: ${format.error.message}`);
    if (format.status !== 0) throw new Error(`Kafka storage format failed:\n${format.stdout}\n${format.stderr}`);
  }

  const heap = options.heapMb ?? 512;
  const out = createWriteStream(join(dir, 'stdout.log'));
  await new Promise((r) => out.once('open', r));
  const child = spawn(
    java,
    [
      `-Xmx${heap}m`,
      `-Xms${Math.min(heap, 256)}m`,
      '-XX:+UseG1GC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      logConfig,
      '-cp',
      classpath,
      'kafka.Kafka',
      propsFile,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error('Kafka did not start (no pid)');
  writeFileSync(join(dir, 'kafka.pid'), String(pid));
  const bootstrap = `127.0.0.1:${port}`;
  options.log?.(`Kafka ${version} starting (pid ${pid}) on ${bootstrap}, data in ${dir}`);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
      const stdout = readFileSync(join(dir, 'stdout.log'), 'utf8').slice(-4000);
      throw new Error(`Kafka exited during start-up:\n${tail}\n${stdout}`);
    }
    const started = existsSync(logFile) && /Kafka Server started/.test(readFileSync(logFile, 'utf8'));
    if (started && (await canConnect(port))) {
      writeFileSync(join(dir, 'bootstrap'), bootstrap);
      return { bootstrap, pid, dir, logFile };
    }
    await sleep(200);
  }
  process.kill(pid, 'SIGKILL');
  throw new Error(`Kafka did not become ready within ${options.readyTimeoutMs ?? 90_000} ms; see ${logFile}`);
}

/** Stops the instance whose pid file is in `dir`: SIGTERM, then SIGKILL after a grace period. */
export async function stopKafka(dir: string, graceMs = 15_000): Promise<boolean> {
  const pidFile = join(resolve(dir), 'kafka.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!pid || !isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
  rmSync(pidFile, { force: true });
  rmSync(join(resolve(dir), 'bootstrap'), { force: true });
  return true;
}
