import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes for local accounts: scrypt (RFC 7914), memory-hard, from node:crypto. Stored as a
 * PHC-style string (the format of the Password Hashing Competition, as passlib writes scrypt):
 *
 *   $scrypt$ln=17,r=8,p=1$<salt, base64 without padding>$<hash, base64 without padding>
 *
 * so the cost travels with each hash and can be raised later (`needsRehash`).
 */
export interface ScryptCost {
  /** log2 of N, the CPU/memory cost. */
  log2N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 (128 MiB, about a quarter second). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };
/** Below this a hash is refused unless a test asks for it (`allowLowCost`). */
export const MIN_SCRYPT_LOG2N = 15;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Memory one verification may take (128·N·r bytes): bounds what a tampered stored hash can demand. */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{43,})$/;

export interface HashOptions {
  cost?: ScryptCost;
  /** Tests only: permit N below 2^15 so that suites stay fast. */
  allowLowCost?: boolean;
}

export class PasswordHashConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordHashConfigError';
  }
}

export type PasswordCheck =
  { ok: true; needsRehash: boolean } | { ok: false; reason: 'mismatch' | 'malformed-hash' | 'unsupported-cost' };

export async function hashPassword(password: string, options: HashOptions = {}): Promise<string> {
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  if (!costIsSupported(cost) || (cost.log2N < MIN_SCRYPT_LOG2N && !options.allowLowCost)) {
    throw new PasswordHashConfigError(`scrypt cost ln=${cost.log2N},r=${cost.r},p=${cost.p} is out of bounds`);
  }
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return `$scrypt$ln=${cost.log2N},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

/**
 * Checks a password against a stored hash in constant time (node:crypto timingSafeEqual), and says
 * whether the hash should be replaced because its cost is below `current`. To keep unknown user
 * names from answering faster, the caller verifies against a stored dummy hash in that case.
 */
export async function verifyPassword(
  password: string,
  stored: string,
  current: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<PasswordCheck> {
  const parsed = parseHash(stored);
  if (!parsed.ok) return parsed;
  const key = await derive(password, parsed.salt, parsed.cost);
  if (key.length !== parsed.key.length || !timingSafeEqual(key, parsed.key)) return { ok: false, reason: 'mismatch' };
  return { ok: true, needsRehash: weaker(parsed.cost, current) || parsed.salt.length < SALT_BYTES };
}

/** True when the stored hash is unreadable or weaker than `current` in any parameter. */
export function needsRehash(stored: string, current: ScryptCost = DEFAULT_SCRYPT_COST): boolean {
  const parsed = parseHash(stored);
  return !parsed.ok || weaker(parsed.cost, current) || parsed.salt.length < SALT_BYTES;
}

type Parsed =
  | { ok: true; cost: ScryptCost; salt: Buffer; key: Buffer }
  | { ok: false; reason: 'malformed-hash' | 'unsupported-cost' };

function parseHash(stored: string): Parsed {
  const match = typeof stored === 'string' ? PHC.exec(stored) : null;
  if (!match) return { ok: false, reason: 'malformed-hash' };
  const [, ln = '', r = '', p = '', salt = '', key = ''] = match;
  const cost = { log2N: Number(ln), r: Number(r), p: Number(p) };
  if (!costIsSupported(cost)) return { ok: false, reason: 'unsupported-cost' };
  return { ok: true, cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

function costIsSupported(cost: ScryptCost): boolean {
  const { log2N, r, p } = cost;
  const integers = [log2N, r, p].every((n) => Number.isInteger(n) && n >= 1);
  return integers && log2N <= 20 && p <= 16 && 128 * 2 ** log2N * r <= MAX_SCRYPT_MEMORY;
}

function weaker(cost: ScryptCost, current: ScryptCost): boolean {
  return cost.log2N < current.log2N || cost.r < current.r || cost.p < current.p;
}

/**
 * NIST SP 800-63B §5.1.1.2: Unicode passwords are normalised (NFKC) before hashing, so the same
 * password typed on two keyboards gives the same hash.
 */
function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  const maxmem = 2 * 128 * N * cost.r * cost.p;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { N, r: cost.r, p: cost.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
