import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StatusSource {
  ready(): boolean;
  stats(): object;
}

/**
 * Liveness (/livez), readiness (/readyz) and counters (/stats, JSON) for orchestrators and
 * operators. Bound to the configured address; port 0 picks a free one.
 */
export async function startStatusServer(
  source: StatusSource,
  host: string,
  port: number,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/livez') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    if (path === '/readyz') {
      const ready = source.ready();
      return void res
        .writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' })
        .end(ready ? 'ready\n' : 'starting\n');
    }
    if (path === '/stats')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(source.stats()));
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
