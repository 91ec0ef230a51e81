import { readFileSync } from 'node:fs';
import { logConfig, portalConfig, storeConfig } from '@sipflow/platform';

/** KEY=value lines of an env file (compose's env_file syntax: comments and blank lines skipped). */
export function readEnvFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`${path}: not KEY=value: ${line}`);
    env[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return env;
}

/**
 * The API's variables: its own configuration when @sipflow/api exports one (`apiConfig`), else
 * the names the parts agreed on (API listen address, token secret, OIDC) over the platform's
 * log and store fragments, which the API composes like the correlator.
 */
export async function agreedApiVariables(): Promise<Set<string>> {
  const api = (await import('@sipflow/api')) as Record<string, unknown>;
  const own =
    api.apiConfig && typeof api.apiConfig === 'object'
      ? Object.keys(api.apiConfig)
      : ['API_GRPC_ADDRESS', 'API_TOKEN_SECRET', 'API_OIDC_ISSUER', 'API_OIDC_AUDIENCE', 'API_OIDC_JWKS_URL'];
  return new Set([...Object.keys(logConfig), ...Object.keys(storeConfig), ...own]);
}

/** The portal's variables (services/portal main): log level, its platform fragment and the port. */
export const webVariables = new Set([...Object.keys(logConfig), ...Object.keys(portalConfig), 'PORT']);
