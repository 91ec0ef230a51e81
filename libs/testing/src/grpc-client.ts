import {
  type Client,
  credentials,
  makeGenericClientConstructor,
  Metadata,
  type ServiceDefinition,
  type ServiceError,
} from '@grpc/grpc-js';
import * as proto from '@sipflow/proto';

/** The four sipflow.v1 services' grpc-js definitions, as ts-proto generated them. */
export const SERVICES = {
  AuthService: proto.AuthServiceService,
  CallService: proto.CallServiceService,
  StatsService: proto.StatsServiceService,
  AdminService: proto.AdminServiceService,
} as const;

export type ServiceName = keyof typeof SERVICES;

interface MessageFns {
  fromPartial(value: unknown): unknown;
}

/**
 * ts-proto's encoders expect complete messages; this wraps each method's request serializer with
 * `<Method>Request.fromPartial` (buf's STANDARD lint guarantees the name), so tests send partial objects.
 */
function lenient(definition: ServiceDefinition): ServiceDefinition {
  return Object.fromEntries(
    Object.entries(definition).map(([name, method]) => {
      const type = (proto as unknown as Record<string, MessageFns>)[`${method.path.split('/').pop()}Request`];
      if (!type) throw new Error(`no request type for ${method.path}`);
      return [
        name,
        { ...method, requestSerialize: (value: unknown) => method.requestSerialize(type.fromPartial(value)) },
      ];
    }),
  ) as ServiceDefinition;
}

export interface Rpc {
  unary<T = Record<string, unknown>>(method: string, request?: unknown, token?: string): Promise<T>;
  stream<T = Record<string, unknown>>(
    method: string,
    request?: unknown,
    token?: string,
  ): AsyncIterable<T> & { cancel(): void };
  client: Client;
}

export function rpcClient(address: string, service: ServiceName): Rpc {
  const Ctor = makeGenericClientConstructor(lenient(SERVICES[service] as unknown as ServiceDefinition), service);
  const client = new Ctor(address, credentials.createInsecure()) as unknown as Client &
    Record<string, (...args: unknown[]) => unknown>;
  const metadata = (token?: string) => {
    const md = new Metadata();
    if (token) md.set('authorization', `Bearer ${token}`);
    return md;
  };
  return {
    client,
    unary: (method, request = {}, token) =>
      new Promise((resolve, reject) =>
        client[method]!.call(client, request, metadata(token), (error: ServiceError | null, response: unknown) =>
          error ? reject(error) : resolve(response as never),
        ),
      ),
    stream: (method, request = {}, token) => {
      const call = client[method]!.call(client, request, metadata(token)) as NodeJS.ReadableStream & { cancel(): void };
      const iterable = call as unknown as AsyncIterable<never> & { cancel(): void };
      return iterable;
    },
  };
}

/** The gRPC error of a promise that must fail. */
export async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('the call succeeded but was expected to fail');
}
