import { createLogger, installShutdown, loadConfig, logConfig, maskSecrets, storeConfig } from '@sipflow/platform';
import { startStoreHost } from '@sipflow/store';
import { storeHostConfig } from './store-host-config';

const shape = { ...logConfig, ...storeConfig, ...storeHostConfig };

/**
 * One embedded store (chDB in SIPFLOW_DATA_DIR) shared by several sipflow processes through
 * CLICKHOUSE_URL=http://<address>:<port>, with CLICKHOUSE_USER/CLICKHOUSE_PASSWORD as the
 * credentials it accepts. Prints `CLICKHOUSE_URL=…` on stdout once listening.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(shape, env);
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'store-host' });
  logger.info({ config: maskSecrets(shape, config) }, 'starting');
  const host = await startStoreHost({
    dataDir: config.SIPFLOW_DATA_DIR,
    host: config.STORE_HOST_BIND_ADDRESS,
    port: config.STORE_HOST_PORT,
    user: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    logger,
  });
  process.stdout.write(`CLICKHOUSE_URL=${host.url}\n`);
  installShutdown(logger, [{ name: 'store host', close: () => host.close() }]);
}
