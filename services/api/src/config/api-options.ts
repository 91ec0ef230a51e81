import { ConfigError, type ConfigOf, type storeConfig } from '@sipflow/platform';
import { countryCallingCode } from '@sipflow/sip';
import { LOCAL_ISSUER } from '../auth/authenticator';
import type { ApiServerOptions } from '../server/api-server';
import type { ApiSettings } from '../server/api-settings';
import type { apiConfig } from './api-config';

type ApiConfig = ConfigOf<typeof apiConfig & typeof storeConfig>;

export function apiSettingsFrom(config: ApiConfig): ApiSettings {
  const countryCode = countryCallingCode(config.NUMBER_DEFAULT_COUNTRY);
  if (!countryCode) {
    throw new ConfigError([
      `NUMBER_DEFAULT_COUNTRY ${config.NUMBER_DEFAULT_COUNTRY} is not a country with a calling code`,
    ]);
  }
  return {
    tokenTtlSeconds: config.API_TOKEN_TTL_SECONDS,
    sessionTtlHours: config.API_SESSION_TTL_HOURS,
    plan: { countryCode },
    retention: {
      messagesDays: config.RETENTION_MESSAGES_DAYS,
      aggregatesDays: config.RETENTION_AGGREGATES_DAYS,
      auditDays: config.RETENTION_AUDIT_DAYS,
    },
    watchPollMs: config.API_WATCH_POLL_MS,
  };
}

/** Listener, keys, OIDC and TLS from configuration; `secret` when API_TOKEN_SECRET is unset. */
export function apiServerOptionsFrom(
  config: ApiConfig,
  secret?: Uint8Array,
): Omit<ApiServerOptions, 'store' | 'logger' | 'settings'> {
  const oidc = [config.API_OIDC_ISSUER, config.API_OIDC_AUDIENCE, config.API_OIDC_JWKS_URL];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new ConfigError([
      'API_OIDC_ISSUER, API_OIDC_AUDIENCE and API_OIDC_JWKS_URL go together: set all three or none',
    ]);
  }
  // Tokens are routed to a verifier by the issuer they name: the IdP cannot share ours.
  if (config.API_OIDC_ISSUER === LOCAL_ISSUER) {
    throw new ConfigError([`API_OIDC_ISSUER: "${LOCAL_ISSUER}" is the API's own issuer; give the IdP's issuer URL`]);
  }
  if (Boolean(config.API_TLS_CERT_FILE) !== Boolean(config.API_TLS_KEY_FILE)) {
    throw new ConfigError(['API_TLS_CERT_FILE and API_TLS_KEY_FILE go together']);
  }
  const tokenSecret = config.API_TOKEN_SECRET ? new TextEncoder().encode(config.API_TOKEN_SECRET) : secret;
  if (!tokenSecret) throw new ConfigError(['API_TOKEN_SECRET: required (at least 32 bytes)']);
  return {
    address: config.API_GRPC_ADDRESS,
    tokenSecret,
    ...(config.API_OIDC_ISSUER &&
      config.API_OIDC_AUDIENCE &&
      config.API_OIDC_JWKS_URL && {
        oidc: {
          issuer: config.API_OIDC_ISSUER,
          audience: config.API_OIDC_AUDIENCE,
          jwksUrl: config.API_OIDC_JWKS_URL,
          claims: { rolesClaim: config.API_OIDC_ROLES_CLAIM, rolePrefix: config.API_OIDC_ROLE_PREFIX },
        },
      }),
    ...(config.API_TLS_CERT_FILE &&
      config.API_TLS_KEY_FILE && {
        tls: {
          certFile: config.API_TLS_CERT_FILE,
          keyFile: config.API_TLS_KEY_FILE,
          ...(config.API_TLS_CLIENT_CA_FILE && { clientCaFile: config.API_TLS_CLIENT_CA_FILE }),
        },
      }),
    maxMessageBytes: config.API_MAX_MESSAGE_BYTES,
    rateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE,
  };
}
