import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Server, ServerCredentials } from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type { INestMicroservice, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from '@sipflow/platform';
import { ApiStore, type Retention, type SipStore } from '@sipflow/store';
import { HealthImplementation } from 'grpc-health-check';
import { AccountsService } from '../auth/accounts.service';
import type { OidcSettings } from '../auth/authenticator';
import { Authenticator } from '../auth/authenticator';
import { RateLimiter } from '../auth/rate-limiter';
import { RETENTION_SETTING } from '../admin/admin.controller';
import { ApiModule } from './api.module';
import type { ApiSettings } from './api-settings';
import { BoundGrpcServer } from './bound-grpc-server';

/** The proto files the server loads: the same ones ts-proto generated the types from. */
export const PROTO_ROOT = dirname(require.resolve('@sipflow/proto/package.json'));
export const PROTO_FILES = ['calls', 'stats', 'admin', 'auth'].map((name) => `sipflow/v1/${name}.proto`);
export const API_SERVICES = ['CallService', 'StatsService', 'AdminService', 'AuthService'].map(
  (s) => `sipflow.v1.${s}`,
);

export interface ApiServerOptions {
  store: SipStore;
  logger: Logger;
  /** host:port; port 0 picks a free one. */
  address: string;
  settings: ApiSettings;
  tokenSecret: Uint8Array;
  oidc?: OidcSettings;
  tls?: { certFile: string; keyFile: string; clientCaFile?: string };
  maxMessageBytes?: number;
  rateLimitPerMinute?: number;
}

export interface ApiServer {
  port: number;
  accounts: AccountsService;
  close(): Promise<void>;
}

function nestLogger(logger: Logger): LoggerService {
  const log = logger.child({ component: 'nest' });
  return {
    log: (message: unknown) => log.debug(String(message)),
    error: (message: unknown, trace?: unknown) => log.error({ trace }, String(message)),
    warn: (message: unknown) => log.warn(String(message)),
    debug: (message: unknown) => log.debug(String(message)),
    verbose: (message: unknown) => log.trace(String(message)),
  };
}

function credentialsOf(tls: ApiServerOptions['tls']): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(
    tls.clientCaFile ? readFileSync(tls.clientCaFile) : null,
    [{ cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) }],
    Boolean(tls.clientCaFile),
  );
}

/**
 * Starts the gRPC API: Nest's gRPC transport over @grpc/grpc-js with the sipflow.v1 services, the
 * standard grpc.health.v1 health service and server reflection. Migrations are the caller's job
 * (the composition root runs them once for every component).
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const apiStore = new ApiStore(options.store);
  const logger = options.logger.child({ component: 'api' });
  const stored = await apiStore.getSetting(RETENTION_SETTING);
  // An administrator's retention outlives a restart with the configured one.
  if (stored) await options.store.applyRetention(JSON.parse(stored) as Retention);
  const authenticator = new Authenticator({
    secret: options.tokenSecret,
    ttlSeconds: options.settings.tokenTtlSeconds,
    ...(options.oidc && { oidc: options.oidc }),
  });
  const health = new HealthImplementation({
    '': 'SERVING',
    ...Object.fromEntries(API_SERVICES.map((s) => [s, 'SERVING'])),
  });
  const maxBytes = options.maxMessageBytes ?? 1_048_576;
  const transport = new BoundGrpcServer({
    url: options.address,
    package: 'sipflow.v1',
    protoPath: PROTO_FILES,
    loader: { includeDirs: [PROTO_ROOT], keepCase: false, longs: Number, defaults: true, oneofs: true },
    credentials: credentialsOf(options.tls),
    channelOptions: {
      'grpc.max_receive_message_length': maxBytes,
      'grpc.max_send_message_length': 64 * 1_048_576,
      'grpc.max_concurrent_streams': 1000,
    },
    gracefulShutdown: true,
    onLoadPackageDefinition: (definition: PackageDefinition, server: Pick<Server, 'addService'>) => {
      health.addToServer(server as Server);
      new ReflectionService(definition).addToServer(server);
    },
  });
  const app: INestMicroservice = await NestFactory.createMicroservice(
    ApiModule.register({
      store: options.store,
      apiStore,
      logger,
      settings: options.settings,
      authenticator,
      limiter: new RateLimiter(options.rateLimitPerMinute ?? 600),
    }),
    { strategy: transport, logger: nestLogger(logger), abortOnError: false },
  );
  await app.listen();
  logger.info({ port: transport.port, tls: Boolean(options.tls) }, 'gRPC API listening');
  return {
    port: transport.port,
    accounts: app.get(AccountsService),
    close: async () => {
      for (const service of ['', ...API_SERVICES]) health.setStatus(service, 'NOT_SERVING');
      await app.close();
    },
  };
}
