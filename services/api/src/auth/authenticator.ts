import { TokenIssuer, TokenVerifier, type Principal, type TokenError, type VerifiedToken } from '@sipflow/auth';
import { createRemoteJWKSet } from 'jose';

export const LOCAL_ISSUER = 'sipflow';
export const API_AUDIENCE = 'sipflow-api';

export interface AuthenticatorSettings {
  /** HS256 key of our own tokens. */
  secret: Uint8Array;
  ttlSeconds: number;
  oidc?: { issuer: string; audience: string; jwksUrl: string };
  clock?: () => Date;
}

export type Authentication =
  { ok: true; token: VerifiedToken; via: 'local' | 'oidc' } | { ok: false; error: TokenError };

/**
 * Issues our own short-lived access tokens (HS256, RFC 9068 profile, via libs/auth) and verifies
 * tokens: ours first, then an OIDC provider's when configured (keys from its JWKS, fetched and
 * cached by jose). A token must carry sipflow `roles` either way.
 */
export class Authenticator {
  private readonly issuer: TokenIssuer;
  private readonly local: TokenVerifier;
  private readonly oidc?: TokenVerifier;

  constructor(settings: AuthenticatorSettings) {
    const clock = settings.clock ?? (() => new Date());
    const key = { alg: 'HS256' as const, secret: settings.secret };
    this.issuer = new TokenIssuer({
      issuer: LOCAL_ISSUER,
      audience: API_AUDIENCE,
      key,
      clock,
      ttlSeconds: settings.ttlSeconds,
    });
    this.local = new TokenVerifier({
      issuer: LOCAL_ISSUER,
      audience: API_AUDIENCE,
      keys: { kind: 'secret', secret: settings.secret },
      clock,
    });
    if (settings.oidc) {
      this.oidc = new TokenVerifier({
        issuer: settings.oidc.issuer,
        audience: settings.oidc.audience,
        keys: {
          kind: 'resolver',
          resolve: createRemoteJWKSet(new URL(settings.oidc.jwksUrl)),
          algorithms: ['ES256', 'EdDSA'],
        },
        clock,
      });
    }
  }

  issue(principal: Principal): Promise<string> {
    return this.issuer.issue(principal);
  }

  async authenticate(token: string): Promise<Authentication> {
    const local = await this.local.verify(token);
    if (local.ok) return { ok: true, token: local.token, via: 'local' };
    // A token that names another issuer may be the OIDC provider's.
    if (this.oidc && local.error.code !== 'malformed') {
      const oidc = await this.oidc.verify(token);
      if (oidc.ok) return { ok: true, token: oidc.token, via: 'oidc' };
      if (local.error.code === 'wrong-issuer') return oidc;
    }
    return local;
  }
}
