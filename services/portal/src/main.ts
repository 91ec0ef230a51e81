import {
  ConfigError,
  createLogger,
  installShutdown,
  loadConfig,
  logConfig,
  portalConfig,
  variable,
} from '@sipflow/platform';
import { z } from 'zod';
import { startPortal } from './portal-server';

const shape = {
  ...logConfig,
  ...portalConfig,
  PORT: variable(z.coerce.number().int().min(0).max(65_535).default(3000), {
    description: 'HTTP port of the standalone portal.',
  }),
};

/** The portal as its own process (the production shape), in front of an API at SIPFLOW_API_ADDRESS. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(shape, env);
  if (!config.SIPFLOW_SESSION_SECRET)
    throw new ConfigError(['SIPFLOW_SESSION_SECRET: required (≥ 32 characters): the key of the session cookie']);
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'portal' });
  const portal = await startPortal({
    host: config.PORTAL_HOST,
    port: config.PORT,
    apiAddress: config.SIPFLOW_API_ADDRESS,
    sessionSecret: config.SIPFLOW_SESSION_SECRET,
    secureCookies: config.SIPFLOW_SECURE_COOKIES,
    logger,
    progress: (line) => process.stdout.write(`portal build: ${line}\n`),
  });
  installShutdown(logger, [{ name: 'portal', close: () => portal.close() }]);
  process.stdout.write(`portal: ${portal.url}\n`);
}
