import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Bus } from '@sipflow/bus';
import { FireBrickSyslogDecoder, type Inflate } from '@sipflow/ingest';
import type { busConfig, ConfigOf, Logger } from '@sipflow/platform';
import { DeviceDirectory, type SipRecord } from '@sipflow/sip';
import type { CollectorConfig } from './config/collector.config';
import { CollectorMetrics } from './health/collector.metrics';
import { startHealthServer } from './health/health.server';
import { startHepTcpListener } from './listeners/hep-tcp.listener';
import { startHepUdpListener } from './listeners/hep-udp.listener';
import { nowUs, type Listener, type ListenerDeps } from './listeners/listener';
import { startSyslogTcpListener } from './listeners/syslog-tcp.listener';
import { startSyslogTlsListener } from './listeners/syslog-tls.listener';
import { startSyslogUdpListener } from './listeners/syslog-udp.listener';
import { BatchingPublisher, type PublisherState } from './pipeline/batching-publisher';
import { DeviceResolver, loadDeviceMap } from './pipeline/device-resolver';
import { DiskSpool } from './pipeline/disk-spool';
import { IngestPipeline } from './pipeline/ingest-pipeline';

type BusTopicSettings = Pick<
  ConfigOf<typeof busConfig>,
  | 'SIP_RAW_TOPIC'
  | 'SIP_DEADLETTER_TOPIC'
  | 'KAFKA_TOPIC_PARTITIONS'
  | 'KAFKA_TOPIC_REPLICATION'
  | 'KAFKA_TOPIC_RETENTION_HOURS'
>;

/** What the collector reads from the configuration: its own fragment plus the topic settings of busConfig. */
export type CollectorSettings = CollectorConfig & BusTopicSettings;

export interface CollectorDeps {
  config: CollectorSettings;
  logger: Logger;
  bus: Bus;
  /** The device map; default: DEVICE_MAP_FILE, else an empty map (every device named by address). */
  devices?: DeviceDirectory;
  /** Data directory: the spool lives in <dataDir>/spool unless COLLECTOR_SPOOL_DIR is set. */
  dataDir?: string;
  /** Sees every record as it is published (the all-in-one process may hand them on in-process). */
  onRecord?: (record: SipRecord) => void;
  /** Reload the device map on SIGHUP (standalone process; default false). */
  reloadOnSighup?: boolean;
  /** Register Node's default process metrics too (standalone process). */
  processMetrics?: boolean;
}

export interface CollectorPorts {
  syslogUdp: number;
  syslogTcp: number;
  syslogTls?: number;
  hepUdp: number;
  hepTcp: number;
  http: number;
}

export interface CollectorHandle {
  ports: CollectorPorts;
  metrics: CollectorMetrics;
  /** The pipeline the listeners feed (file import into a running collector uses it too). */
  pipeline: IngestPipeline;
  publisherState(): PublisherState;
  /** Re-reads DEVICE_MAP_FILE (or takes the map given); throws if the file is invalid, keeping the old map. */
  reloadDevices(devices?: DeviceDirectory): DeviceDirectory;
  /** Resolves true when everything accepted so far is on the bus. */
  drained(timeoutMs?: number): Promise<boolean>;
  /** Stops the listeners, flushes the FireBrick decoder and the buffer (spooling what the bus does not take), closes. */
  close(): Promise<void>;
}

/** HEP compressed payloads (chunk 0x0010): zlib, bounded so a zip bomb cannot take the memory. */
export const boundedInflate: Inflate = (data) => inflateSync(data, { maxOutputLength: 1 << 20 });

export interface IngestCore {
  metrics: CollectorMetrics;
  resolver: DeviceResolver;
  publisher: BatchingPublisher;
  pipeline: IngestPipeline;
}

/**
 * The part shared by the listeners and file import: device resolution, the pipeline and the
 * batching publisher (with the disk spool when a directory is given).
 */
export function createIngestCore(options: {
  config: CollectorSettings;
  logger: Logger;
  bus: Bus;
  devices: DeviceDirectory;
  spoolDir?: string;
  metrics?: CollectorMetrics;
  onRecord?: (record: SipRecord) => void;
}): IngestCore {
  const { config, logger, bus } = options;
  const metrics = options.metrics ?? new CollectorMetrics();
  const resolver = new DeviceResolver(options.devices);
  const spool = options.spoolDir
    ? new DiskSpool({
        dir: options.spoolDir,
        maxBytes: config.COLLECTOR_SPOOL_MAX_BYTES,
        segmentBytes: config.COLLECTOR_SPOOL_SEGMENT_BYTES,
        fsync: config.COLLECTOR_SPOOL_FSYNC,
        fsyncIntervalMs: config.COLLECTOR_SPOOL_FSYNC_MS,
        logger: logger.child({ component: 'spool' }),
        onLoss: (n, reason) => metrics.dropped('unknown', 'unknown', reason, n),
      })
    : undefined;
  const retentionMs = config.KAFKA_TOPIC_RETENTION_HOURS * 3_600_000;
  const topic = (name: string) => ({
    topic: name,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replication: config.KAFKA_TOPIC_REPLICATION,
    retentionMs,
  });
  const publisher = new BatchingPublisher({
    bus,
    topics: [topic(config.SIP_RAW_TOPIC), topic(config.SIP_DEADLETTER_TOPIC)],
    spool,
    batchRecords: config.COLLECTOR_BATCH_RECORDS,
    lingerMs: config.COLLECTOR_LINGER_MS,
    bufferMaxBytes: config.COLLECTOR_BUFFER_MAX_BYTES,
    maxBackoffMs: config.COLLECTOR_PUBLISH_MAX_BACKOFF_MS,
    metrics,
    logger: logger.child({ component: 'publisher' }),
  });
  const pipeline = new IngestPipeline({
    resolver,
    sink: publisher,
    metrics,
    logger: logger.child({ component: 'pipeline' }),
    topics: { raw: config.SIP_RAW_TOPIC, deadLetter: config.SIP_DEADLETTER_TOPIC },
    onRecord: options.onRecord,
  });
  publisher.start();
  return { metrics, resolver, publisher, pipeline };
}

/**
 * Starts the collector: syslog UDP/TCP (and TLS when a certificate is configured), HEP UDP/TCP, the
 * metrics and health endpoint, all feeding one pipeline into the bus. Used by the standalone
 * process (src/main.ts, against Kafka) and by `sipflow start` (in-process bus).
 */
export async function startCollector(deps: CollectorDeps): Promise<CollectorHandle> {
  const { config, bus } = deps;
  const logger = deps.logger.child({ component: 'collector' });
  const devices =
    deps.devices ?? (config.DEVICE_MAP_FILE ? loadDeviceMap(config.DEVICE_MAP_FILE) : new DeviceDirectory());
  const spoolDir = config.COLLECTOR_SPOOL_DIR ?? (deps.dataDir ? join(deps.dataDir, 'spool') : undefined);
  const metrics = new CollectorMetrics({ defaultMetrics: deps.processMetrics });
  const core = createIngestCore({
    config,
    logger: deps.logger,
    bus,
    devices,
    spoolDir: spoolDir && resolve(spoolDir),
    metrics,
    onRecord: deps.onRecord,
  });
  const { pipeline, publisher, resolver } = core;
  if (!spoolDir) logger.warn('no spool directory: records beyond the memory buffer are dropped during a bus outage');

  const decoder = new FireBrickSyslogDecoder({
    lineTimeoutUs: config.COLLECTOR_LINE_TIMEOUT_MS * 1000,
    localZone: config.COLLECTOR_SYSLOG_LOCAL_ZONE,
    maxRecordBytes: config.COLLECTOR_MAX_MESSAGE_BYTES,
  });
  const listenerDeps: ListenerDeps = { pipeline, metrics, logger: deps.logger };
  const host = config.COLLECTOR_BIND_ADDRESS;
  const limits = {
    host,
    maxConnections: config.COLLECTOR_TCP_MAX_CONNECTIONS,
    idleTimeoutMs: config.COLLECTOR_TCP_IDLE_TIMEOUT_MS,
    maxBufferedBytes: config.COLLECTOR_MAX_MESSAGE_BYTES + 65_536,
    maxMessageBytes: config.COLLECTOR_MAX_MESSAGE_BYTES,
  };
  const hep = { inflate: boundedInflate, authKey: config.HEP_AUTH_KEY };
  const udp = (port: number) => ({
    host,
    port,
    recvBufferBytes: config.COLLECTOR_UDP_RECV_BUFFER_BYTES,
    maxPendingBytes: config.COLLECTOR_UDP_READER_MAX_BYTES,
  });

  const listeners: Listener[] = [];
  let closing = false;
  let closed: Promise<void> | undefined;
  // FireBrick line-per-message records close on a timer too (the next line may never come).
  const lineTimer = setInterval(
    () => {
      const now = nowUs();
      pipeline.accept(decoder.flushIdle(now), { listener: 'syslog', ingestPath: 'syslog', name: 'line-timeout' }, now);
    },
    Math.max(10, Math.floor(config.COLLECTOR_LINE_TIMEOUT_MS / 2)),
  );
  lineTimer.unref();

  const onSighup = () => {
    try {
      reloadDevices();
    } catch (err) {
      logger.error({ err, file: config.DEVICE_MAP_FILE }, 'device map reload failed; keeping the current map');
    }
  };
  const reloadDevices = (next?: DeviceDirectory): DeviceDirectory => {
    const directory = next ?? (config.DEVICE_MAP_FILE ? loadDeviceMap(config.DEVICE_MAP_FILE) : resolver.devices);
    resolver.replace(directory);
    logger.info({ devices: directory.entries.length, file: config.DEVICE_MAP_FILE }, 'device map loaded');
    return directory;
  };

  try {
    const syslogUdp = await startSyslogUdpListener(udp(config.SYSLOG_UDP_PORT), decoder, listenerDeps);
    listeners.push(syslogUdp);
    const syslogTcp = await startSyslogTcpListener({ ...limits, port: config.SYSLOG_TCP_PORT }, decoder, listenerDeps);
    listeners.push(syslogTcp);
    let syslogTls: Listener | undefined;
    if (config.SYSLOG_TLS_CERT_FILE && config.SYSLOG_TLS_KEY_FILE) {
      const tls = { cert: readFileSync(config.SYSLOG_TLS_CERT_FILE), key: readFileSync(config.SYSLOG_TLS_KEY_FILE) };
      syslogTls = await startSyslogTlsListener({ ...limits, port: config.SYSLOG_TLS_PORT, tls }, decoder, listenerDeps);
      listeners.push(syslogTls);
    }
    const hepUdp = await startHepUdpListener(udp(config.HEP_UDP_PORT), hep, listenerDeps);
    listeners.push(hepUdp);
    const hepTcp = await startHepTcpListener({ ...limits, port: config.HEP_TCP_PORT }, hep, listenerDeps);
    listeners.push(hepTcp);
    const health = await startHealthServer(
      { host: config.COLLECTOR_HTTP_ADDRESS, port: config.COLLECTOR_HTTP_PORT },
      metrics,
      () => ({ ready: !closing, detail: { listeners: listeners.map((l) => l.name), ...publisher.state } }),
      deps.logger,
    );
    if (deps.reloadOnSighup) process.on('SIGHUP', onSighup);

    const ports: CollectorPorts = {
      syslogUdp: syslogUdp.port,
      syslogTcp: syslogTcp.port,
      ...(syslogTls ? { syslogTls: syslogTls.port } : {}),
      hepUdp: hepUdp.port,
      hepTcp: hepTcp.port,
      http: health.port,
    };
    logger.info({ ports, spool: spoolDir, devices: devices.entries.length, bus: bus.kind }, 'collector started');

    return {
      ports,
      metrics,
      pipeline,
      publisherState: () => publisher.state,
      reloadDevices,
      drained: (timeoutMs) => publisher.drained(timeoutMs),
      close: () =>
        (closed ??= (async () => {
          closing = true;
          process.off('SIGHUP', onSighup);
          clearInterval(lineTimer);
          for (const listener of listeners.reverse()) await listener.close();
          const now = nowUs();
          pipeline.accept(decoder.end(), { listener: 'syslog', ingestPath: 'syslog', name: 'shutdown' }, now);
          await publisher.close();
          await health.close();
          logger.info({ ...publisher.state }, 'collector stopped');
        })()),
    };
  } catch (err) {
    clearInterval(lineTimer);
    for (const listener of listeners) await listener.close().catch(() => {});
    await publisher.close(1000).catch(() => {});
    throw err;
  }
}
