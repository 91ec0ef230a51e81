import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { IngestSource } from '../pipeline/ingest-pipeline';
import type { Listener, ListenerDeps } from './listener';

export interface StreamLimits {
  maxConnections: number;
  /** A connection silent for this long is closed (slow or dead senders hold no slot forever). */
  idleTimeoutMs: number;
  /** A connection buffering more than this without completing a frame is closed. */
  maxBufferedBytes: number;
}

export interface StreamOptions extends StreamLimits {
  host: string;
  port: number;
  tls?: { cert: Buffer; key: Buffer };
}

/** What a listener does with one connection's bytes. */
export interface ConnectionHandler {
  data(chunk: Buffer): void;
  /** The peer closed (or we did): frames still buffered are handled or rejected. */
  end(): void;
  /** Bytes held waiting for the rest of a frame. */
  buffered(): number;
}

/**
 * A TCP (or TLS) server with per-connection limits, shared by the syslog and HEP stream
 * listeners: each connection gets its own framer (handler), so a slow-loris client or garbage on
 * one connection cannot stall the others; the event loop never waits on one socket.
 */
export async function startStreamServer(
  name: string,
  ingestPath: IngestSource['ingestPath'],
  options: StreamOptions,
  handlerFor: (source: IngestSource) => ConnectionHandler,
  deps: ListenerDeps,
): Promise<Listener> {
  const logger = deps.logger.child({ component: name });
  const sockets = new Map<Socket, () => void>();
  const onConnection = (socket: Socket | TLSSocket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const port = socket.remotePort ?? 0;
    const source: IngestSource = { listener: name, ingestPath, address, port, name: `${address}:${port}` };
    const handler = handlerFor(source);
    deps.metrics.connections(name, 1);
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      sockets.delete(socket);
      deps.metrics.connections(name, -1);
      try {
        handler.end();
      } catch (err) {
        logger.error({ err, source: source.name }, 'connection end handling failed');
      }
    };
    sockets.set(socket, finish);
    socket.setTimeout(options.idleTimeoutMs, () => {
      logger.info({ source: source.name, idleTimeoutMs: options.idleTimeoutMs }, 'idle connection closed');
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        handler.data(chunk);
      } catch (err) {
        logger.error({ err, source: source.name }, 'stream handling failed; closing the connection');
        socket.destroy();
        return;
      }
      if (handler.buffered() > options.maxBufferedBytes) {
        logger.warn({ source: source.name, buffered: handler.buffered() }, 'connection buffers too much; closed');
        socket.destroy();
      }
    });
    socket.on('end', () => socket.end());
    socket.on('close', finish);
    socket.on('error', (err) => logger.debug({ err, source: source.name }, 'connection error'));
  };
  const server: Server = options.tls
    ? createTlsServer(
        { cert: options.tls.cert, key: options.tls.key, handshakeTimeout: options.idleTimeoutMs },
        onConnection,
      )
    : createServer(onConnection);
  server.maxConnections = options.maxConnections;
  server.on('drop', (info) =>
    logger.warn({ ...info, maxConnections: options.maxConnections }, 'connection refused: limit reached'),
  );
  if (options.tls) server.on('tlsClientError', (err) => logger.warn({ err }, 'TLS handshake failed'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ err }, 'server error'));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ address: options.host, port }, 'listening');
  return {
    name,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Connections end now: their handlers flush what they hold into the pipeline.
      for (const [socket, finish] of sockets) {
        finish();
        socket.destroy();
      }
      await closed;
    },
  };
}
