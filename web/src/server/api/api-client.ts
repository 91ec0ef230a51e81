import 'server-only';
import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { ApiError } from './api-error';

/** What the generated service definitions (CallServiceService…) say about one method. */
export interface MethodDefinition<Req, Res> {
  path: string;
  requestSerialize: (value: Req) => Buffer;
  responseDeserialize: (value: Buffer) => Res;
}

const DEADLINE_MS = 15_000;

// One channel per API address for the life of the process (kept on globalThis so Next.js dev
// reloads do not open a new one per edit).
const channels = ((globalThis as { __sipflowApiChannels?: Map<string, Client> }).__sipflowApiChannels ??= new Map());

function channel(address: string): Client {
  let client = channels.get(address);
  if (!client) {
    client = new Client(address, credentials.createInsecure(), {
      'grpc.keepalive_time_ms': 30_000,
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    });
    channels.set(address, client);
  }
  return client;
}

function metadata(token: string | undefined): Metadata {
  const md = new Metadata();
  if (token) md.set('authorization', `Bearer ${token}`);
  return md;
}

function apiError(error: ServiceError): ApiError {
  return new ApiError(error.code, error.details || error.message);
}

/** A typed gRPC client of the sipflow API over one channel; every call carries the caller's token. */
export class ApiClient {
  constructor(private readonly address: string) {}

  unary<Req, Res>(method: MethodDefinition<Req, Res>, request: Req, token?: string): Promise<Res> {
    return new Promise((resolve, reject) => {
      channel(this.address).makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata(token),
        { deadline: Date.now() + DEADLINE_MS },
        (error, response) => (error ? reject(apiError(error)) : resolve(response!)),
      );
    });
  }

  /** A server stream as an async iterable; `signal` cancels the call (the browser went away). */
  async *stream<Req, Res>(
    method: MethodDefinition<Req, Res>,
    request: Req,
    token: string,
    signal: AbortSignal,
  ): AsyncGenerator<Res> {
    const call = channel(this.address).makeServerStreamRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      metadata(token),
      {},
    );
    const cancel = () => call.cancel();
    signal.addEventListener('abort', cancel);
    try {
      for await (const message of call as AsyncIterable<Res>) yield message;
    } catch (error) {
      if (signal.aborted) return;
      throw apiError(error as ServiceError);
    } finally {
      signal.removeEventListener('abort', cancel);
      call.cancel();
    }
  }
}
