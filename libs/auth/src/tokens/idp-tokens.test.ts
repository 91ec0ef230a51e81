import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { IDP_ALGORITHMS, TokenVerifier, principalFromIdpClaims, type IdpClaimsMapping } from '../index';

// Access tokens as identity providers write them (Keycloak's shape: RS256, typ JWT, roles under
// realm_access.roles mixed with the IdP's own), verified the way the API verifies an OIDC provider's.
const T0 = new Date('2026-03-01T12:00:00Z');
const ISSUER = 'https://sso.example.net/realms/isp';
const AUDIENCE = 'sipflow-api';
const KEYCLOAK: IdpClaimsMapping = { rolesClaim: 'realm_access.roles' };

let rsa: { privateKey: CryptoKey; publicJwk: object };
let other: CryptoKey;
let verifier: TokenVerifier;

const verifierFor = (claims: IdpClaimsMapping) =>
  new TokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    keys: { kind: 'resolver', resolve: createLocalJWKSet({ keys: [rsa.publicJwk] }), algorithms: IDP_ALGORITHMS },
    tokenTypes: ['at+jwt', 'JWT'],
    idpClaims: claims,
    clock: () => T0,
  });

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  rsa = {
    privateKey: pair.privateKey,
    publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'rsa-1', alg: 'RS256' },
  };
  other = (await generateKeyPair('RS256')).privateKey;
  verifier = verifierFor(KEYCLOAK);
});

function keycloakToken(
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
  key: CryptoKey | Uint8Array = rsa.privateKey,
) {
  const now = Math.floor(T0.getTime() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'f3a1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    iat: now,
    exp: now + 300,
    preferred_username: 'alice',
    realm_access: { roles: ['offline_access', 'uma_authorization', 'default-roles-isp', 'engineer'] },
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'rsa-1', ...header })
    .sign(key);
}

const outcome = async (token: string, v = verifier) => {
  const result = await v.verify(token);
  return result.ok ? result.token.principal : result.error.code;
};

describe('an identity provider’s access tokens', () => {
  it('accepts RS256 with typ JWT, takes sipflow roles from realm_access.roles and ignores the IdP’s own', async () => {
    expect(await outcome(await keycloakToken())).toEqual({
      subject: 'f3a1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      roles: ['engineer'],
      scopes: {},
      name: 'alice',
    });
    expect(await outcome(await keycloakToken({}, { typ: 'at+jwt' }))).toMatchObject({ roles: ['engineer'] });
  });

  it('refuses a token with only the IdP’s roles, another key, HS256 or none, the wrong audience or type', async () => {
    expect(await outcome(await keycloakToken({ realm_access: { roles: ['offline_access'] } }))).toBe('unknown-role');
    expect(await outcome(await keycloakToken({ realm_access: undefined }))).toBe('unknown-role');
    expect(await outcome(await keycloakToken({}, {}, other))).toBe('bad-signature');
    const hs256 = await keycloakToken({}, { alg: 'HS256' }, new TextEncoder().encode('x'.repeat(32)));
    expect(await outcome(hs256)).toBe('alg-not-allowed');
    const body = (await keycloakToken()).split('.')[1];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
    expect(await outcome(none)).toBe('alg-not-allowed');
    expect(await outcome(await keycloakToken({ aud: 'account' }))).toBe('wrong-audience');
    expect(await outcome(await keycloakToken({}, { typ: 'JWE' }))).toBe('wrong-type');
  });

  it('maps prefixed roles and roles given as a space-separated string', () => {
    const mapping = { rolesClaim: 'groups', rolePrefix: 'sipflow-' };
    const mapped = principalFromIdpClaims(
      { sub: 's', groups: ['sipflow-support', 'admin', 'sipflow-customer'] },
      mapping,
    );
    // `admin` without the prefix is some other application's role, not ours.
    expect(mapped).toMatchObject({ ok: true, principal: { roles: ['support', 'customer'] } });
    expect(principalFromIdpClaims({ sub: 's', scp: 'openid engineer' }, { rolesClaim: 'scp' })).toMatchObject({
      ok: true,
      principal: { roles: ['engineer'] },
    });
    // A path through something that is not an object, or an inherited property, finds nothing.
    expect(principalFromIdpClaims({ sub: 's', a: 'x' }, { rolesClaim: 'a.b' }).ok).toBe(false);
    expect(principalFromIdpClaims({ sub: 's' }, { rolesClaim: 'constructor' }).ok).toBe(false);
  });
});
