import type { Metadata } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import {
  AuthServiceControllerMethods,
  type AuthServiceController,
  type Identity,
  type LoginRequest,
  type LoginResponse,
  type LogoutRequest,
  type LogoutResponse,
  type RefreshRequest,
  type RefreshResponse,
  type Session,
  type WhoAmIResponse,
} from '@sipflow/proto';
import { AccountsService, actionsOf, type IssuedSession } from './accounts.service';
import { callerOf } from './caller';
import { Allow, Public } from './rpc-access';

@Controller()
@AuthServiceControllerMethods()
export class AuthController implements AuthServiceController {
  constructor(private readonly accounts: AccountsService) {}

  @Public()
  async login(request: LoginRequest): Promise<LoginResponse> {
    return { session: toSession(await this.accounts.login(request.username, request.password)) };
  }

  @Public()
  async refresh(request: RefreshRequest): Promise<RefreshResponse> {
    return { session: toSession(await this.accounts.refresh(request.refreshToken)) };
  }

  @Allow()
  async logout(request: LogoutRequest, metadata?: Metadata): Promise<LogoutResponse> {
    await this.accounts.logout(callerOf(metadata).principal.subject, request.refreshToken);
    return {};
  }

  @Allow()
  whoAmI(_request: unknown, metadata?: Metadata): WhoAmIResponse {
    const { principal } = callerOf(metadata);
    return {
      identity: {
        subject: principal.subject,
        username: principal.name ?? principal.subject,
        displayName: principal.name ?? principal.subject,
        roles: [...principal.roles],
        actions: actionsOf(principal.roles),
      },
    };
  }
}

function toSession(issued: IssuedSession): Session {
  const identity: Identity = {
    subject: issued.user.id,
    username: issued.user.username,
    displayName: issued.user.displayName,
    roles: [...issued.principal.roles],
    actions: actionsOf(issued.principal.roles),
  };
  return {
    accessToken: issued.accessToken,
    accessTokenExpiresUs: issued.accessTokenExpiresUs,
    refreshToken: issued.refreshToken,
    refreshTokenExpiresUs: issued.refreshTokenExpiresUs,
    identity,
  };
}
