import { errors } from 'jose';

/**
 * Why a token was refused. The API maps every code to UNAUTHENTICATED; the code is for logs and
 * for the portal to decide whether signing in again can help (`expired`) or not.
 */
export type TokenErrorCode =
  | 'malformed'
  | 'bad-signature'
  | 'alg-not-allowed'
  | 'unknown-key'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'wrong-type'
  | 'invalid-claims'
  | 'unknown-role';

/** The one error type of token verification: returned as a value, never thrown at the caller. */
export class TokenError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'TokenError';
  }
}

/** What jose's refusal means for us (jose error classes: jose/dist/types/util/errors.d.ts). */
export function tokenErrorFrom(error: unknown): TokenError {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof errors.JWTExpired) return new TokenError('expired', detail);
  if (error instanceof errors.JWTClaimValidationFailed) return new TokenError(claimCode(error), detail);
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenError('bad-signature', detail);
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenError('alg-not-allowed', detail);
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenError('unknown-key', detail);
  }
  // JWSInvalid, JWTInvalid, JOSENotSupported, and TypeErrors from input that is not a JWS at all.
  return new TokenError('malformed', detail);
}

function claimCode(error: InstanceType<typeof errors.JWTClaimValidationFailed>): TokenErrorCode {
  if (error.reason === 'missing') return 'invalid-claims';
  switch (error.claim) {
    case 'iss':
      return 'wrong-issuer';
    case 'aud':
      return 'wrong-audience';
    case 'typ':
      return 'wrong-type';
    case 'nbf':
    case 'iat':
      return 'not-yet-valid';
    default:
      return 'invalid-claims';
  }
}
