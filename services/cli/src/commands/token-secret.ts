import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateHmacSecret } from '@sipflow/auth';

/**
 * The API's token key when API_TOKEN_SECRET is unset (and the portal's session key,
 * `portal-session-secret`, when SIPFLOW_SESSION_SECRET is): generated on the first start and kept
 * in the data directory (readable by the owner only), so tokens and the portal's sessions survive
 * a restart. Against a ClickHouse server there is no data directory of ours: a key per process.
 */
export function tokenSecretIn(dataDir: string, kind: 'embedded' | 'server', fileName = 'api-token-secret'): Uint8Array {
  if (kind === 'server') return generateHmacSecret();
  const file = join(resolve(dataDir), fileName);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  const secret = generateHmacSecret();
  mkdirSync(resolve(dataDir), { recursive: true });
  writeFileSync(file, `${Buffer.from(secret).toString('base64url')}\n`, { mode: 0o600 });
  return secret;
}
