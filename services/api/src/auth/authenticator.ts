import {
  IDP_ALGORITHMS,
  TokenIssuer,
  TokenVerifier,
  type IdpClaimsMapping,
  type Principal,
  type TokenError,
  type VerifiedToken,
} from '@sipflow/auth';
import { createRemoteJWKSet, decodeJwt } from 'jose';

export const LOCAL_ISSUER = 'sipflow';
export const API_AUDIENCE = 'sipflow-api';

export interface AuthenticatorSettings {
  /** HS256 key of our own tokens. */
  secret: Uint8Array;
  ttlSeconds: number;
  oidc?: OidcSettings;
  clock?: () => Date;
}

/** An OpenID Connect provider whose access tokens are accepted besides ours. */
export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  claims: IdpClaimsMapping;
  /** How soon an unknown `kid` may refetch the key set, ms (jose's default 30 s): key rotation. */
  jwksCooldownMs?: number;
}

/**
 * `typ` of an IdP's access tokens. RFC 9068 §2.1 says `at+jwt`, and §4 that resource servers check
 * it; Keycloak, Entra ID and Okta still send `JWT`. Both are taken from the IdP only: its tokens
 * are also checked for issuer, audience and a key from its own key set, so an ID token of another
 * client (typ JWT too) fails the audience check.
 */
const IDP_TOKEN_TYPES = ['at+jwt', 'JWT'];

export type Authentication =
  { ok: true; token: VerifiedToken; via: 'local' | 'oidc' } | { ok: false; error: TokenError };

/**
 * Issues our own short-lived access tokens (HS256, RFC 9068 profile, via libs/auth) and verifies
 * tokens: ours, or an OIDC provider's when configured and the token names it as issuer (keys from
 * its JWKS, fetched and cached by jose; RS256 and the rest of IDP_ALGORITHMS, roles from a
 * configured claim).
 */
export class Authenticator {
  private readonly issuer: TokenIssuer;
  private readonly local: TokenVerifier;
  private readonly oidc?: TokenVerifier;
  private readonly oidcIssuer?: string;

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
      this.oidcIssuer = settings.oidc.issuer;
      this.oidc = new TokenVerifier({
        issuer: settings.oidc.issuer,
        audience: settings.oidc.audience,
        keys: {
          kind: 'resolver',
          resolve: createRemoteJWKSet(new URL(settings.oidc.jwksUrl), {
            ...(settings.oidc.jwksCooldownMs !== undefined && { cooldownDuration: settings.oidc.jwksCooldownMs }),
          }),
          algorithms: IDP_ALGORITHMS,
        },
        tokenTypes: IDP_TOKEN_TYPES,
        idpClaims: settings.oidc.claims,
        clock,
      });
    }
  }

  issue(principal: Principal): Promise<string> {
    return this.issuer.issue(principal);
  }

  /**
   * Routes a token to one verifier by the issuer it names (read unverified, only to choose): the
   * OIDC provider's tokens to the provider's verifier, every other token to ours. Trying ours first
   * would answer an IdP's RS256 token with our verifier's refusal (`alg-not-allowed`), hiding the
   * provider's real reason (bad signature, wrong audience, unknown role) from the audit log.
   */
  async authenticate(token: string): Promise<Authentication> {
    if (this.oidc && claimedIssuer(token) === this.oidcIssuer) {
      const oidc = await this.oidc.verify(token);
      return oidc.ok ? { ok: true, token: oidc.token, via: 'oidc' } : oidc;
    }
    const local = await this.local.verify(token);
    return local.ok ? { ok: true, token: local.token, via: 'local' } : local;
  }
}

/** The `iss` a compact JWT claims, unverified; undefined for anything else. */
function claimedIssuer(token: string): string | undefined {
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}
