import { CallEventKind } from '@sipflow/proto';
import type { NextRequest } from 'next/server';
import { parseCallQuery } from '../../../lib/call-query';
import { ApiError } from '../../../server/api/api-error';
import { watchCalls } from '../../../server/api/calls';
import { readSession } from '../../../server/session';

export const dynamic = 'force-dynamic';

const KIND: Record<number, string> = {
  [CallEventKind.CALL_EVENT_KIND_CREATED]: 'created',
  [CallEventKind.CALL_EVENT_KIND_UPDATED]: 'updated',
  [CallEventKind.CALL_EVENT_KIND_REMOVED]: 'removed',
};

/**
 * Server-sent events (HTML Living Standard §9.2) from CallService.WatchCalls: one `call` event per
 * created, updated or removed call matching the filter in the query string. The gRPC stream ends
 * when the browser goes away.
 */
export async function GET(request: NextRequest) {
  const session = await readSession();
  if (!session || session.accessExpiresAt <= Date.now()) return new Response('Sign in again.', { status: 401 });
  const query = parseCallQuery(Object.fromEntries(request.nextUrl.searchParams));
  const encoder = new TextEncoder();
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort());
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) =>
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      // A comment line every 15 s keeps proxies from closing an idle stream.
      const ping = setInterval(() => controller.enqueue(encoder.encode(': ping\n\n')), 15_000);
      send('ready', { watching: true });
      try {
        for await (const event of watchCalls(session, query, Date.now(), abort.signal))
          send('call', { kind: KIND[event.event] ?? 'updated', call: event.call });
      } catch (error) {
        send('problem', {
          message: error instanceof ApiError ? error.message : 'the live feed stopped',
          code: error instanceof ApiError ? error.code : undefined,
        });
      } finally {
        clearInterval(ping);
        try {
          controller.close();
        } catch {
          // Already closed by the browser going away.
        }
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
