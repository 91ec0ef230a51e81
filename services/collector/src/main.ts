import { createBus } from '@sipflow/bus';
import { busConfig, createLogger, installShutdown, loadConfig, logConfig, maskSecrets } from '@sipflow/platform';
import { collectorConfig } from './config/collector.config';
import { startCollector } from './start-collector';

const shape = { ...logConfig, ...busConfig, ...collectorConfig };

/**
 * The standalone collector process (production shape: one or more per site, against Kafka).
 * Composition root only: configuration → logger → bus → collector → graceful shutdown.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(shape, env);
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'collector' });
  logger.info({ config: maskSecrets(shape, config) }, 'starting');
  const bus = createBus(config, logger);
  if (bus.kind === 'memory') logger.warn('KAFKA_BROKERS is unset: records go to an in-process bus and nowhere else');
  const collector = await startCollector({ config, logger, bus, reloadOnSighup: true, processMetrics: true });
  installShutdown(logger, [
    { name: 'bus', close: () => bus.close() },
    { name: 'collector', close: () => collector.close() },
  ]);
  // Machine-readable start line for supervisors and tests (stdout; logs go to stderr).
  process.stdout.write(`${JSON.stringify({ event: 'collector-started', ports: collector.ports, pid: process.pid })}\n`);
}
