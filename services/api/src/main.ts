import { generateHmacSecret } from '@sipflow/auth';
import { createLogger, installShutdown, loadConfig, logConfig, maskSecrets, storeConfig } from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { apiConfig } from './config/api-config';
import { startApiServer, type ApiServer } from './server/api-server';
import { apiSettingsFrom, apiServerOptionsFrom } from './config/api-options';

const shape = { ...logConfig, ...storeConfig, ...apiConfig };

/**
 * The API as its own process (the production shape): gRPC in front of ClickHouse (CLICKHOUSE_URL)
 * or of an embedded data directory no other process holds. No Kafka: the API only reads the store.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<ApiServer> {
  const config = loadConfig(shape, env);
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'api' });
  logger.info({ config: maskSecrets(shape, config) }, 'starting');
  const connection = await openStoreConnection(config, 'sipflow api');
  const store = new SipStore(
    connection,
    { cluster: config.CLICKHOUSE_CLUSTER },
    { defaultCountry: config.NUMBER_DEFAULT_COUNTRY },
  );
  await store.migrate({
    messagesDays: config.RETENTION_MESSAGES_DAYS,
    aggregatesDays: config.RETENTION_AGGREGATES_DAYS,
    auditDays: config.RETENTION_AUDIT_DAYS,
  });
  if (!config.API_TOKEN_SECRET) {
    logger.warn('API_TOKEN_SECRET is unset: tokens are signed with a random key and do not survive a restart');
  }
  const server = await startApiServer({
    store,
    logger,
    ...apiServerOptionsFrom(config, config.API_TOKEN_SECRET ? undefined : generateHmacSecret()),
    settings: apiSettingsFrom(config),
  });
  const admin = await server.accounts.bootstrapAdmin();
  if (admin) {
    process.stdout.write(
      `first start: created the admin account: user ${admin.username}, password ${admin.password}\n`,
    );
  }
  installShutdown(logger, [
    { name: 'store', close: () => connection.close() },
    { name: 'api', close: () => server.close() },
  ]);
  process.stdout.write(`gRPC API listening on port ${server.port}\n`);
  return server;
}
