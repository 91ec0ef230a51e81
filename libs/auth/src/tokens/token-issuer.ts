import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Principal } from '../principal';
import { claimsFromPrincipal } from './token-claims';
import { type SigningKey, TokenConfigError, assertUsableSecret } from './token-keys';

/** The current time, injected: domain code never reads the wall clock itself. */
export type Clock = () => Date;

/** RFC 9068 §2.1: access tokens are typed, so an ID token or another JWT cannot pass as one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const DEFAULT_TOKEN_TTL_SECONDS = 300;
export const MAX_TOKEN_TTL_SECONDS = 900;

export interface TokenIssuerOptions {
  issuer: string;
  audience: string;
  key: SigningKey;
  clock: Clock;
  /** Lifetime of each token; default 5 minutes, at most 15. */
  ttlSeconds?: number;
}

/**
 * Signs short-lived access tokens for a Principal (RFC 7519): the portal gets one per session and
 * renews it, the API trusts nothing else. Signing with a working key cannot fail on input, so
 * errors here are configuration bugs and are thrown.
 */
export class TokenIssuer {
  private readonly ttl: number;

  constructor(private readonly options: TokenIssuerOptions) {
    const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TOKEN_TTL_SECONDS) {
      throw new TokenConfigError(`token lifetime must be 1..${MAX_TOKEN_TTL_SECONDS} seconds`);
    }
    if (options.key.alg === 'HS256') assertUsableSecret(options.key.secret);
    this.ttl = ttl;
  }

  async issue(principal: Principal): Promise<string> {
    const now = Math.floor(this.options.clock().getTime() / 1000);
    const { key } = this.options;
    const { sub, ...claims } = claimsFromPrincipal(principal);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: key.alg, typ: ACCESS_TOKEN_TYPE, ...(key.kid !== undefined && { kid: key.kid }) })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.ttl)
      .sign(key.alg === 'HS256' ? key.secret : key.privateKey);
  }
}
