import { randomBytes } from 'node:crypto';
import {
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  type KeyObject,
  exportJWK,
  generateKeyPair,
} from 'jose';

/** Asymmetric algorithms we sign with: ECDSA P-256 (RFC 7518 §3.4) and Ed25519 (RFC 8037 §3.1). */
export type AsymmetricAlgorithm = 'ES256' | 'EdDSA';

/**
 * Asymmetric algorithms we verify: ours, and RSA (RFC 7518 §3.3 RS256, §3.5 PS256), which most
 * identity providers sign with by default (Keycloak, Entra ID, Okta).
 */
export type VerificationAlgorithm = AsymmetricAlgorithm | 'RS256' | 'PS256';

/** What an identity provider's key set is trusted for: never HS256 (the key is public) or `none`. */
export const IDP_ALGORITHMS: readonly VerificationAlgorithm[] = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/**
 * The key a token is signed with: a shared secret between portal and API (HS256, RFC 7518 §3.2),
 * or a private key whose public half the API holds or finds in a JWKS by `kid`.
 */
export type SigningKey =
  | { alg: 'HS256'; secret: Uint8Array; kid?: string }
  | { alg: AsymmetricAlgorithm; privateKey: CryptoKey | KeyObject | JWK; kid?: string };

/**
 * What the API verifies with. Each kind pins the algorithms it accepts, so a token can never
 * choose its own (RFC 8725 §3.1): a secret accepts only HS256, a public key only its algorithm, a
 * key set only asymmetric algorithms; `alg: none` is accepted by none.
 */
export type VerificationKeys =
  | { kind: 'secret'; secret: Uint8Array }
  | { kind: 'public-key'; alg: VerificationAlgorithm; key: CryptoKey | KeyObject | JWK }
  | { kind: 'jwks'; jwks: JSONWebKeySet; algorithms?: readonly VerificationAlgorithm[] }
  /** A resolver such as jose's createRemoteJWKSet, built by the API adapter that does the fetching. */
  | { kind: 'resolver'; resolve: JWTVerifyGetKey; algorithms: readonly VerificationAlgorithm[] };

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output, 256 bits. */
export const MIN_HMAC_SECRET_BYTES = 32;

/** Thrown when the service is built with keys it cannot use safely: a configuration bug. */
export class TokenConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenConfigError';
  }
}

export function assertUsableSecret(secret: Uint8Array): void {
  if (secret.byteLength < MIN_HMAC_SECRET_BYTES) {
    throw new TokenConfigError(`an HS256 secret needs at least ${MIN_HMAC_SECRET_BYTES} bytes (RFC 7518 §3.2)`);
  }
}

/** A fresh random HS256 secret. */
export function generateHmacSecret(): Uint8Array {
  return new Uint8Array(randomBytes(MIN_HMAC_SECRET_BYTES));
}

/**
 * A fresh key pair: the signing key for the portal, and the public key as a JWKS entry (with
 * `kid`, `alg` and `use`) for the API's key set.
 */
export async function generateSigningKeyPair(
  alg: AsymmetricAlgorithm,
  kid: string,
): Promise<{ signingKey: SigningKey; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    crv: alg === 'EdDSA' ? 'Ed25519' : undefined,
  });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { signingKey: { alg, privateKey, kid }, publicJwk };
}
