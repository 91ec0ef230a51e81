import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from '@sipflow/platform';
import type { ApiStore, SipStore } from '@sipflow/store';
import { AdminController } from '../admin/admin.controller';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditService } from '../audit/audit.service';
import { AccountsService } from '../auth/accounts.service';
import { AuthController } from '../auth/auth.controller';
import type { Authenticator } from '../auth/authenticator';
import type { RateLimiter } from '../auth/rate-limiter';
import { RpcAccessGuard } from '../auth/rpc-access.guard';
import { CallFeed } from '../calls/call-feed';
import { CallsController } from '../calls/calls.controller';
import { GrpcExceptionFilter } from '../errors/rpc-exception.filter';
import { StatsController } from '../stats/stats.controller';
import type { ApiSettings } from './api-settings';
import { API_LOGGER, API_SETTINGS, API_STORE, AUTHENTICATOR, RATE_LIMITER, SIP_STORE } from './tokens';

export interface ApiDependencies {
  store: SipStore;
  apiStore: ApiStore;
  logger: Logger;
  settings: ApiSettings;
  authenticator: Authenticator;
  limiter: RateLimiter;
}

/**
 * The API as one Nest module: the four services' controllers, and the guard (authentication,
 * rate limit, authorisation), audit interceptor and error filter applied to every RPC.
 */
@Module({})
export class ApiModule {
  static register(deps: ApiDependencies): DynamicModule {
    return {
      module: ApiModule,
      controllers: [AuthController, CallsController, StatsController, AdminController],
      providers: [
        { provide: SIP_STORE, useValue: deps.store },
        { provide: API_STORE, useValue: deps.apiStore },
        { provide: API_LOGGER, useValue: deps.logger },
        { provide: API_SETTINGS, useValue: deps.settings },
        { provide: AUTHENTICATOR, useValue: deps.authenticator },
        { provide: RATE_LIMITER, useValue: deps.limiter },
        AuditService,
        AccountsService,
        CallFeed,
        { provide: APP_GUARD, useClass: RpcAccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_FILTER, useClass: GrpcExceptionFilter },
      ],
    };
  }
}
