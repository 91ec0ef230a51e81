import { ConfigError, loadConfig, storeConfig } from '@sipflow/platform';
import { describe, expect, it } from 'vitest';
import { apiConfig } from './api-config';
import { apiServerOptionsFrom } from './api-options';

const SECRET = 'k'.repeat(32);
const options = (env: Record<string, string>) =>
  apiServerOptionsFrom(loadConfig({ ...storeConfig, ...apiConfig }, { API_TOKEN_SECRET: SECRET, ...env }));
const IDP = {
  API_OIDC_ISSUER: 'https://sso.example.net/realms/isp',
  API_OIDC_AUDIENCE: 'sipflow-api',
  API_OIDC_JWKS_URL: 'https://sso.example.net/realms/isp/protocol/openid-connect/certs',
};

describe('apiServerOptionsFrom', () => {
  it('takes an OIDC provider with its roles claim', () => {
    const oidc = options({ ...IDP, API_OIDC_ROLES_CLAIM: 'realm_access.roles' }).oidc;
    expect(oidc).toMatchObject({ issuer: IDP.API_OIDC_ISSUER, claims: { rolesClaim: 'realm_access.roles' } });
    expect(options({}).oidc).toBeUndefined();
  });

  it('refuses half an OIDC setting, and an IdP that claims the API’s own issuer', () => {
    expect(() => options({ API_OIDC_ISSUER: IDP.API_OIDC_ISSUER })).toThrow(/go together/);
    expect(() => options({ ...IDP, API_OIDC_ISSUER: 'sipflow' })).toThrow(ConfigError);
    expect(() => options({ ...IDP, API_OIDC_ISSUER: 'sipflow' })).toThrow(/API's own issuer/);
  });
});
