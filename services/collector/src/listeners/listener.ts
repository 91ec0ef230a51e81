import type { Logger } from '@sipflow/platform';
import type { CollectorMetrics } from '../health/collector.metrics';
import type { IngestPipeline } from '../pipeline/ingest-pipeline';

/** A bound socket: its name, the port the OS gave it, and how to stop it. */
export interface Listener {
  name: string;
  port: number;
  /** Stops accepting, hands what connections still hold to the pipeline, closes. */
  close(): Promise<void>;
}

export interface ListenerDeps {
  pipeline: IngestPipeline;
  metrics: CollectorMetrics;
  logger: Logger;
}

/** Now in µs since the epoch, with sub-millisecond resolution (record receive times). */
export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
