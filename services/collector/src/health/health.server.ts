import { createServer } from 'node:http';
import type { Logger } from '@sipflow/platform';
import type { CollectorMetrics } from './collector.metrics';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * GET /metrics (Prometheus text), /livez (the event loop answers) and /readyz (every listener is
 * bound and the collector is not shutting down; 503 otherwise). Readiness does not follow the
 * bus: while Kafka is down the collector still takes traffic into its spool, which is the point.
 */
export async function startHealthServer(
  options: { host: string; port: number },
  metrics: CollectorMetrics,
  status: () => { ready: boolean; detail: Record<string, unknown> },
  logger: Logger,
): Promise<HealthServer> {
  const log = logger.child({ component: 'health' });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (path === '/metrics') {
      metrics.text().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (err: unknown) => {
          log.error({ err }, 'metrics collection failed');
          res.writeHead(500).end();
        },
      );
    } else if (path === '/livez') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else if (path === '/readyz') {
      const s = status();
      res
        .writeHead(s.ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(`${JSON.stringify({ ready: s.ready, ...s.detail })}\n`);
    } else {
      res.writeHead(404).end();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ address: options.host, port }, 'metrics and health endpoint listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
