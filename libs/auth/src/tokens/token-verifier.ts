import { type JWTVerifyGetKey, type KeyInput, createLocalJWKSet, jwtVerify } from 'jose';
import type { Principal } from '../principal';
import { type IdpClaimsMapping, principalFromClaims, principalFromIdpClaims } from './token-claims';
import { TokenError, tokenErrorFrom } from './token-error';
import { ACCESS_TOKEN_TYPE, type Clock, MAX_TOKEN_TTL_SECONDS } from './token-issuer';
import { type VerificationKeys, assertUsableSecret } from './token-keys';

export interface TokenVerifierOptions {
  /** Accepted issuer(s); a token from anyone else is refused. */
  issuer: string | readonly string[];
  /** This API's audience; a token minted for another service is refused. */
  audience: string;
  keys: VerificationKeys;
  clock: Clock;
  /** Allowed clock skew for exp/nbf/iat, seconds; default 30. */
  clockToleranceSeconds?: number;
  /** Oldest token accepted, by its iat, seconds; default and cap MAX_TOKEN_TTL_SECONDS. */
  maxTokenAgeSeconds?: number;
  /** Accepted `typ` header values; default only `at+jwt` (RFC 9068 §2.1). */
  tokenTypes?: readonly string[];
  /** An identity provider's tokens: where its roles are. Default: our own claims (`roles`, `scopes`). */
  idpClaims?: IdpClaimsMapping;
}

/** A `typ` value compared as RFC 7515 §4.1.9 says: case-insensitive, `application/` optional. */
const mediaType = (typ: string) => typ.toLowerCase().replace(/^application\//, '');

export interface VerifiedToken {
  principal: Principal;
  /** Token id, issuer and expiry for the audit log. */
  tokenId?: string;
  issuer: string;
  expiresAt: Date;
}

export type TokenVerification = { ok: true; token: VerifiedToken } | { ok: false; error: TokenError };

/** A compact JWS larger than this is refused before any parsing (a token is sent on every call). */
const MAX_TOKEN_LENGTH = 16_384;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies access tokens (RFC 7519 §7.2, with the RFC 8725 best practices: algorithms pinned by
 * key, typ checked, iss/aud/exp/nbf/iat required). Every refusal is a `TokenError` value.
 */
export class TokenVerifier {
  private readonly key: KeyInput | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly tokenTypes: readonly string[];

  constructor(private readonly options: TokenVerifierOptions) {
    const keys = options.keys;
    this.tokenTypes = options.tokenTypes?.length ? options.tokenTypes : [ACCESS_TOKEN_TYPE];
    switch (keys.kind) {
      case 'secret':
        assertUsableSecret(keys.secret);
        this.key = keys.secret;
        this.algorithms = ['HS256'];
        break;
      case 'public-key':
        this.key = keys.key;
        this.algorithms = [keys.alg];
        break;
      case 'jwks':
        this.key = createLocalJWKSet(keys.jwks);
        this.algorithms = [...(keys.algorithms ?? ['ES256', 'EdDSA'])];
        break;
      case 'resolver':
        this.key = keys.resolve;
        this.algorithms = [...keys.algorithms];
        break;
    }
  }

  async verify(token: unknown): Promise<TokenVerification> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      return { ok: false, error: new TokenError('malformed', 'not a compact JWS of acceptable size') };
    }
    const maxAge = Math.min(this.options.maxTokenAgeSeconds ?? MAX_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS);
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.key, {
        algorithms: this.algorithms,
        issuer: [...(typeof this.options.issuer === 'string' ? [this.options.issuer] : this.options.issuer)],
        audience: this.options.audience,
        // One type: jose checks it. Several (an IdP's tokens): checked below.
        ...(this.tokenTypes.length === 1 && { typ: this.tokenTypes[0] }),
        currentDate: this.options.clock(),
        clockTolerance: this.options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: maxAge,
        // iss, aud and iat are required through the options above; nbf is optional (RFC 9068 §2.2).
        requiredClaims: ['sub', 'exp'],
      });
      const typ = mediaType(String(protectedHeader.typ ?? ''));
      if (!this.tokenTypes.some((t) => mediaType(t) === typ))
        return {
          ok: false,
          error: new TokenError('wrong-type', `typ ${JSON.stringify(protectedHeader.typ)} is not accepted`),
        };
      const mapped = this.options.idpClaims
        ? principalFromIdpClaims(payload, this.options.idpClaims)
        : principalFromClaims(payload);
      if (!mapped.ok) return mapped;
      return {
        ok: true,
        token: {
          principal: mapped.principal,
          ...(typeof payload.jti === 'string' && { tokenId: payload.jti }),
          issuer: String(payload.iss),
          expiresAt: new Date((payload.exp ?? 0) * 1000),
        },
      };
    } catch (error) {
      return { ok: false, error: tokenErrorFrom(error) };
    }
  }
}
