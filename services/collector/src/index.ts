// @sipflow/collector: syslog and HEP listeners and file import, all through one pipeline into the bus.
export { collectorConfig, type CollectorConfig } from './config/collector.config';
export {
  startCollector,
  createIngestCore,
  boundedInflate,
  type CollectorDeps,
  type CollectorHandle,
  type CollectorPorts,
  type CollectorSettings,
  type IngestCore,
} from './start-collector';
export { CollectorMetrics } from './health/collector.metrics';
export { DeviceResolver, loadDeviceMap } from './pipeline/device-resolver';
export type { IngestSource, AcceptResult } from './pipeline/ingest-pipeline';
export type { PublisherState } from './pipeline/batching-publisher';
export {
  importFiles,
  detectFormat,
  decodeFile,
  sipMessageKey,
  IMPORT_FORMATS,
  type ImportFormat,
  type DetectedFormat,
  type FileImportResult,
  type ImportSummary,
  type ImportFilesOptions,
} from './import/file-import';
