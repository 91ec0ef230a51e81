import { createHash } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/** What the portal keeps about a signed-in user: the API's tokens and who they are. */
export interface PortalSession {
  username: string;
  displayName: string;
  roles: string[];
  actions: string[];
  accessToken: string;
  /** ms since the epoch. */
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

const ISSUER = 'sipflow-portal';

// A 256-bit key from the configured secret (any length ≥ 32 characters).
const keyOf = (secret: string) => new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());

/**
 * Seals a session into a compact JWE (RFC 7516, `dir` + A256GCM): encrypted and authenticated, so
 * the browser can neither read the API tokens in it nor alter them. Expires with the refresh token.
 */
export async function sealSession(session: PortalSession, secret: string): Promise<string> {
  return new EncryptJWT({ ...session })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(session.refreshExpiresAt / 1000))
    .encrypt(keyOf(secret));
}

/** The session in a cookie value, or undefined if it is missing, tampered with, sealed with another key or expired. */
export async function unsealSession(
  value: string | undefined,
  secret: string,
  nowMs: number,
): Promise<PortalSession | undefined> {
  if (!value) return undefined;
  try {
    const { payload } = await jwtDecrypt(value, keyOf(secret), {
      issuer: ISSUER,
      currentDate: new Date(nowMs),
    });
    const session = payload as unknown as PortalSession;
    return typeof session.accessToken === 'string' && typeof session.username === 'string' ? session : undefined;
  } catch {
    return undefined;
  }
}
