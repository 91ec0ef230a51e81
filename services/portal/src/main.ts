import { createLogger, installShutdown, loadConfig, logConfig, portalConfig, variable } from '@sipflow/platform';
import { z } from 'zod';
import { startPortal } from './portal-server';

const shape = {
  ...logConfig,
  ...portalConfig,
  PORT: variable(z.coerce.number().int().min(0).max(65_535).default(3000), {
    description: 'HTTP port of the standalone portal.',
  }),
  PORTAL_HOST: variable(z.string().default('0.0.0.0'), { description: 'Address the standalone portal listens on.' }),
};

/** The portal as its own process (the production shape), in front of an API at SIPFLOW_API_ADDRESS. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadConfig(shape, env);
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
