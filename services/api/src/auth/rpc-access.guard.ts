import { Metadata, status } from '@grpc/grpc-js';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can } from '@sipflow/auth';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../errors/api-error';
import { AUTHENTICATOR, RATE_LIMITER } from '../server/tokens';
import type { Authenticator } from './authenticator';
import { bindCaller } from './caller';
import type { RateLimiter } from './rate-limiter';
import { RPC_ACCESS, type RpcAccess } from './rpc-access';

/** `service.Method` of the call, for messages and the audit log. */
export function rpcName(context: ExecutionContext): string {
  return `${context.getClass().name.replace(/Controller$/, '')}.${context.getHandler().name}`;
}

export function peerOf(context: ExecutionContext): string {
  const call = context.getArgByIndex(2) as { getPeer?: () => string } | undefined;
  return call?.getPeer?.() ?? '';
}

/**
 * The one gate in front of every RPC (registered globally): authentication (a bearer token ours
 * or the OIDC provider's), per-user rate limit, then authorisation by role. Deny by default: an RPC
 * without an access rule is refused, so a new RPC is closed until someone decides who may call it.
 */
@Injectable()
export class RpcAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return false;
    const access = this.reflector.get<RpcAccess | undefined>(RPC_ACCESS, context.getHandler());
    if (access?.public) return true;
    const metadata = context.switchToRpc().getContext<Metadata>();
    const token = bearerToken(metadata);
    if (!token)
      throw ApiError.unauthenticated('sign in first: this call needs an `authorization: Bearer <token>` header');
    const result = await this.authenticator.authenticate(token);
    if (!result.ok) {
      throw ApiError.unauthenticated(
        result.error.code === 'expired'
          ? 'your session token has expired: refresh it or sign in again'
          : `the token was refused (${result.error.code})`,
        `token-${result.error.code}`,
      );
    }
    const principal = result.token.principal;
    const peer = peerOf(context);
    if (!this.limiter.take(principal.subject)) {
      throw new ApiError(
        status.RESOURCE_EXHAUSTED,
        'too many calls: slow down and retry in a few seconds',
        'rate-limited',
      );
    }
    if (!access) {
      throw ApiError.denied(`${rpcName(context)} has no access rule, so nobody may call it`, 'no-access-rule');
    }
    const missing = access.actions.filter((action) => !can(principal, action));
    if (missing.length) {
      await this.audit.record({ principal, peer }, rpcName(context), '', 'denied', `missing ${missing.join(', ')}`);
      throw ApiError.denied(`your role (${principal.roles.join(', ')}) does not allow ${missing.join(', ')}`);
    }
    bindCaller(metadata, { principal, peer, via: result.via });
    return true;
  }
}

function bearerToken(metadata: Metadata | undefined): string | undefined {
  const value = metadata?.get('authorization')[0];
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}
