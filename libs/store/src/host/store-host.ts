import { randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Logger } from '@sipflow/platform';
import { lockDataDir } from '../data-dir-lock';
import { bindableParams } from './query-params';

export interface StoreHostOptions {
  /** Data directory of the embedded engine (its `clickhouse/` subdirectory, as `sipflow start` uses). */
  dataDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The credentials clients must present (HTTP Basic or X-ClickHouse-User/-Key). */
  user: string;
  password: string;
  logger: Logger;
}

export interface StoreHost {
  url: string;
  port: number;
  /** Requests answered so far (ok and failed). */
  stats(): { requests: number; failed: number };
  close(): Promise<void>;
}

/** URL entries of the HTTP interface that are not engine settings. */
const NOT_SETTINGS = new Set(['query', 'query_id', 'database', 'session_id', 'role', 'default_format']);

/** chDB binds one data directory per process, so nothing else may open this one meanwhile. */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

/**
 * The embedded engine (chDB) behind the subset of ClickHouse's HTTP interface that
 * `@clickhouse/client` uses (https://clickhouse.com/docs/interfaces/http): POST / with the
 * statement in the body or in `query` (then the body is its data, as for INSERT … FORMAT), bound
 * `param_*` values, settings as URL entries, `GET /ping`, errors as HTTP 500 with ClickHouse's
 * `Code: N. DB::Exception: …` text. Several processes (collectors, correlators, API) can then share
 * one embedded store through CLICKHOUSE_URL where a ClickHouse server is not available — on a
 * developer machine or in the scale test. Statements run one at a time, in arrival order.
 *
 * Not a ClickHouse server: no sessions, no native protocol, no compression of responses, and the
 * `database` entry is ignored (sipflow names the database in every statement).
 */
export async function startStoreHost(options: StoreHostOptions): Promise<StoreHost> {
  const dataDir = resolve(options.dataDir);
  const release = lockDataDir(dataDir, 'sipflow store-host');
  const path = resolve(dataDir, 'clickhouse');
  mkdirSync(path, { recursive: true });
  const { createChdbConnection } = await import('chdb/connection');
  const connection = createChdbConnection({ path });
  const logger = options.logger;
  const counters = { requests: 0, failed: 0 };
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const authorised = (req: IncomingMessage): boolean => {
    let user = req.headers['x-clickhouse-user'];
    let key = req.headers['x-clickhouse-key'];
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      user = decoded.slice(0, colon);
      key = decoded.slice(colon + 1);
    }
    const same = (a: string, b: string) =>
      a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    return same(String(user ?? 'default'), options.user) && same(String(key ?? ''), options.password);
  };

  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw Object.assign(new Error('request body too large'), { status: 413 });
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
  };

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://store-host');
    if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('Ok.\n');
      return;
    }
    if (url.pathname !== '/' || (req.method !== 'POST' && req.method !== 'GET')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    counters.requests += 1;
    const queryId = url.searchParams.get('query_id') ?? randomUUID();
    if (!authorised(req)) {
      counters.failed += 1;
      res
        .writeHead(401, { 'content-type': 'text/plain', 'x-clickhouse-exception-code': '516' })
        .end(
          'Code: 516. DB::Exception: default: Authentication failed: password is incorrect. (AUTHENTICATION_FAILED)\n',
        );
      return;
    }
    const body = await readBody(req);
    const inUrl = url.searchParams.get('query');
    // As in ClickHouse: a statement in the URL takes the body as its data (INSERT … FORMAT X).
    const sql = inUrl ? (body.length > 0 ? `${inUrl}\n${body}` : inUrl) : body;
    const settings: Record<string, string> = {};
    for (const [key, value] of url.searchParams) {
      if (!NOT_SETTINGS.has(key) && !key.startsWith('param_')) settings[key] = value;
    }
    try {
      const result = await serially(() =>
        connection.query({
          query: sql,
          query_id: queryId,
          query_params: bindableParams(inUrl ?? body, url.searchParams),
          clickhouse_settings: settings,
        }),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of result.stream) chunks.push(chunk as Buffer);
      res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-query-id': queryId });
      res.end(Buffer.concat(chunks));
    } catch (error) {
      counters.failed += 1;
      const cause = (error as { cause?: unknown }).cause;
      const text = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
      const code = /Code: (\d+)/.exec(text)?.[1] ?? '1002';
      logger.debug({ queryId, code, err: error }, 'statement failed');
      res
        .writeHead(500, {
          'content-type': 'text/plain',
          'x-clickhouse-exception-code': code,
          'x-clickhouse-query-id': queryId,
        })
        .end(/Code: \d+/.test(text) ? `${text}\n` : `Code: ${code}. DB::Exception: ${text}. (UNKNOWN_EXCEPTION)\n`);
    }
  };

  const server: Server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      counters.failed += 1;
      logger.warn({ err: error, url: req.url }, 'request failed');
      const status = (error as { status?: number }).status ?? 400;
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(
        `Code: 1002. DB::Exception: ${error instanceof Error ? error.message : String(error)}. (UNKNOWN_EXCEPTION)\n`,
      );
    });
  });
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port, options.host, () => done());
    });
  } catch (error) {
    await connection.close();
    release();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  logger.info({ dataDir: path, port }, 'store host listening');
  return {
    url: `http://${host}:${port}`,
    port,
    stats: () => ({ ...counters }),
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await serially(() => connection.close());
      release();
    },
  };
}
