import { numberConfig, variable } from '@sipflow/platform';
import { z } from 'zod';

/** The API's settings (with the store and log fragments it also reads). */
export const apiConfig = {
  ...numberConfig,
  API_GRPC_ADDRESS: variable(z.string().default('127.0.0.1:50051'), {
    description: 'host:port the gRPC API listens on (port 0 picks a free one).',
  }),
  API_TOKEN_SECRET: variable(z.string().min(32).optional(), {
    description:
      'HS256 key (at least 32 bytes) signing the access tokens AuthService.Login issues. Unset: a random one per process (`sipflow start` keeps one in the data directory).',
    secret: true,
  }),
  API_TOKEN_TTL_SECONDS: variable(z.coerce.number().int().min(30).max(900).default(300), {
    description: 'Lifetime of an access token; the portal refreshes it with its refresh token.',
  }),
  API_SESSION_TTL_HOURS: variable(z.coerce.number().min(0.1).max(720).default(12), {
    description: 'Lifetime of a sign-in (refresh token) before the user must log in again.',
  }),
  API_OIDC_ISSUER: variable(z.string().optional(), {
    description: 'Issuer of OIDC access tokens to accept besides our own (e.g. https://sso.example.net/realms/isp).',
  }),
  API_OIDC_AUDIENCE: variable(z.string().optional(), { description: 'Audience those tokens must name.' }),
  API_OIDC_JWKS_URL: variable(z.url().optional(), {
    description: "The OIDC provider's JWKS URL (its signing keys, fetched and cached).",
  }),
  API_OIDC_ROLES_CLAIM: variable(
    z
      .string()
      .regex(/^[\w-]+(\.[\w-]+)*$/)
      .default('roles'),
    {
      description:
        'Dotted path of the claim listing roles in OIDC tokens (Keycloak: realm_access.roles; Entra ID, Okta: roles or groups).',
    },
  ),
  API_OIDC_ROLE_PREFIX: variable(z.string().default(''), {
    description: 'Only OIDC roles with this prefix count, without it (e.g. sipflow- makes sipflow-engineer engineer).',
  }),
  API_TLS_CERT_FILE: variable(z.string().optional(), { description: 'PEM certificate chain: serve gRPC over TLS.' }),
  API_TLS_KEY_FILE: variable(z.string().optional(), {
    description: 'PEM private key of API_TLS_CERT_FILE.',
    secret: true,
  }),
  API_TLS_CLIENT_CA_FILE: variable(z.string().optional(), {
    description: 'PEM CA bundle: require client certificates signed by it (mutual TLS).',
  }),
  API_MAX_MESSAGE_BYTES: variable(z.coerce.number().int().min(1024).default(1_048_576), {
    description: 'Largest request accepted (bytes).',
  }),
  API_RATE_LIMIT_PER_MINUTE: variable(z.coerce.number().int().min(1).default(600), {
    description: 'Calls one user may make per minute before RESOURCE_EXHAUSTED.',
  }),
  API_WATCH_POLL_MS: variable(z.coerce.number().int().min(100).default(1000), {
    description: 'How often the live tail (WatchCalls) looks for new and changed calls.',
  }),
};
