import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Logger } from '@sipflow/platform';
import next from 'next';
import { buildPortal, portalBuildIsCurrent } from './portal-build';

export interface PortalOptions {
  /** host and port to listen on; port 0 picks a free one. */
  host: string;
  port: number;
  /** The portal's settings: SIPFLOW_API_ADDRESS and SIPFLOW_SESSION_SECRET (see portalConfig). */
  apiAddress: string;
  sessionSecret: string;
  secureCookies?: boolean;
  logger: Logger;
  /** Build first if web/.next is missing or made from other sources (default true). */
  buildIfStale?: boolean;
  /** Progress of a build, for the terminal. */
  progress?: (line: string) => void;
  /** web/ (default: the @sipflow/web workspace package). */
  webDir?: string;
}

export interface Portal {
  url: string;
  port: number;
  /** Whether this start had to build the portal first. */
  built: boolean;
  close(): Promise<void>;
}

/** web/ of this checkout (the portal is served from its sources' build, not imported). */
export const defaultWebDir = () => resolve(__dirname, '../../../web');

/**
 * Serves the production build of the portal with Next.js's own request handler on a plain Node
 * HTTP server (the "custom server" of the Next.js docs), in this process. Next.js reads the
 * portal's settings from the environment, so they are set here, by the composition root's values.
 */
export async function startPortal(options: PortalOptions): Promise<Portal> {
  const dir = options.webDir ?? defaultWebDir();
  const logger = options.logger.child({ component: 'portal' });
  let built = false;
  if (!portalBuildIsCurrent(dir)) {
    if (options.buildIfStale === false) throw new Error(`no current portal build in ${dir}/.next: run nx build web`);
    logger.info({ dir }, 'building the portal (next build)');
    await buildPortal(dir, options.progress ? { progress: options.progress } : {});
    built = true;
  }
  process.env.SIPFLOW_API_ADDRESS = options.apiAddress;
  process.env.SIPFLOW_SESSION_SECRET = options.sessionSecret;
  process.env.SIPFLOW_SECURE_COOKIES = String(options.secureCookies ?? false);
  const app = next({ dev: false, dir, hostname: options.host, port: options.port, quiet: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'portal request failed');
      if (!response.headersSent) response.writeHead(500).end('internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = ['0.0.0.0', '::'].includes(options.host) ? '127.0.0.1' : options.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  logger.info({ url }, 'portal listening');
  return {
    url,
    port,
    built,
    close: async () => {
      // Live views hold their responses open (server-sent events): end them with the server.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
