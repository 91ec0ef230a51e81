import { encodeDeadLetter, encodeSipRecord } from '@sipflow/bus';
import { completeSipRecord, type IngestBatch, type IngestRejection } from '@sipflow/ingest';
import type { Logger } from '@sipflow/platform';
import type { DeviceRef, IngestPath, SipRecord } from '@sipflow/sip';
import type { CollectorMetrics } from '../health/collector.metrics';
import type { DeviceResolver } from './device-resolver';
import type { OutboundEntry } from './spool-record.codec';

/** Where input came from: the listener (or file import) and the sender. */
export interface IngestSource {
  /** 'syslog-udp', 'syslog-tcp', 'syslog-tls', 'hep-udp', 'hep-tcp', 'import'. */
  listener: string;
  ingestPath: IngestPath;
  /** Sender IP (no port); absent for files. */
  address?: string;
  port?: number;
  /** For dead letters and logs: `address:port`, or the file name. */
  name: string;
}

/** Where finished messages go: the batching publisher (or a test double). */
export interface OutboundSink {
  enqueue(entry: OutboundEntry): void;
}

export interface AcceptResult {
  records: number;
  rejected: number;
  skipped: number;
}

export interface IngestPipelineOptions {
  resolver: DeviceResolver;
  sink: OutboundSink;
  metrics: CollectorMetrics;
  logger: Logger;
  topics: { raw: string; deadLetter: string };
  /** Sees every record as it is published (file import hands them to correlation this way). */
  onRecord?: (record: SipRecord) => void;
}

const LOG_WINDOW_MS = 10_000;
const LOGS_PER_WINDOW = 20;

/**
 * The one path from decoded input to the bus, for every listener and for file import (so live
 * ingest and import cannot disagree): CapturedSip → reporting device → completeSipRecord →
 * sip.raw.v1 keyed by Call-ID; rejections → sip.deadletter.v1 with reason, path, bytes and
 * sender, counted and logged (never thrown).
 */
export class IngestPipeline {
  private readonly logger: Logger;
  private windowStart = 0;
  private logsInWindow = 0;
  private suppressed = 0;

  constructor(private readonly options: IngestPipelineOptions) {
    this.logger = options.logger;
  }

  /** A decoder's output for one input from one source; `each` also sees every record (file import). */
  accept(
    batch: IngestBatch,
    source: IngestSource,
    receivedTimeUs: number,
    each?: (record: SipRecord) => void,
  ): AcceptResult {
    const { resolver, metrics, sink, topics, onRecord } = this.options;
    for (const captured of batch.records) {
      const device = resolver.resolve(captured.deviceHint, source.address, source.port);
      const record = completeSipRecord(captured, device, { receivedTimeUs });
      metrics.decoded(device.id, record.ingestPath);
      sink.enqueue({
        topic: topics.raw,
        key: record.callId,
        value: encodeSipRecord(record),
        device: device.id,
        ingestPath: record.ingestPath,
      });
      onRecord?.(record);
      each?.(record);
    }
    for (const rejection of batch.rejections) this.reject(rejection, source, receivedTimeUs);
    let skipped = 0;
    for (const [category, n] of Object.entries(batch.skipped)) {
      metrics.skipped(source.ingestPath, category, n);
      skipped += n;
    }
    return { records: batch.records.length, rejected: batch.rejections.length, skipped };
  }

  /** One rejected input (a decoder's, or a framer's on a stream): counted, logged, dead-lettered. */
  reject(
    rejection: Pick<IngestRejection, 'reason' | 'offset' | 'raw'> & { formatVariant?: string },
    source: IngestSource,
    receivedTimeUs: number,
  ): void {
    const device: DeviceRef = this.options.resolver.resolve(undefined, source.address, source.port);
    this.options.metrics.rejected(device.id, source.ingestPath);
    this.options.sink.enqueue({
      topic: this.options.topics.deadLetter,
      key: source.name,
      value: encodeDeadLetter({
        reason: rejection.reason,
        ingestPath: source.ingestPath,
        original: rejection.raw,
        receivedTimeUs,
        source: source.name,
        offset: rejection.offset,
        device,
      }),
      device: device.id,
      ingestPath: source.ingestPath,
    });
    this.logRejection(rejection, source, device);
  }

  /** Warns about bad input with its context, at most LOGS_PER_WINDOW lines per window (a flood of garbage must not flood the log). */
  private logRejection(
    rejection: Pick<IngestRejection, 'reason' | 'offset' | 'raw'> & { formatVariant?: string },
    source: IngestSource,
    device: DeviceRef,
  ): void {
    const now = Date.now();
    if (now - this.windowStart >= LOG_WINDOW_MS) {
      if (this.suppressed > 0)
        this.logger.warn({ suppressed: this.suppressed }, 'more inputs rejected (not logged one by one)');
      this.windowStart = now;
      this.logsInWindow = 0;
      this.suppressed = 0;
    }
    if (this.logsInWindow++ >= LOGS_PER_WINDOW) {
      this.suppressed++;
      return;
    }
    this.logger.warn(
      {
        reason: rejection.reason,
        offset: rejection.offset,
        bytes: rejection.raw.length,
        formatVariant: rejection.formatVariant,
        listener: source.listener,
        ingestPath: source.ingestPath,
        source: source.name,
        device: device.id,
      },
      'input rejected; dead-lettered',
    );
  }
}
