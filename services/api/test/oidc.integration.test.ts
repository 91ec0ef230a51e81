import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { status } from '@grpc/grpc-js';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { failure, rpcClient, type Rpc } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, type ApiFixture } from './support/api-fixture';

// The API behind a company's single sign-on, over a real gRPC socket: an OpenID Connect provider
// shaped like Keycloak (RS256 keys published as a JWKS over HTTP, access tokens with typ JWT and
// roles under realm_access.roles beside the IdP's own), including a signing-key rotation.
const ISSUER = 'https://sso.example.net/realms/isp';
const AUDIENCE = 'sipflow-api';

interface IdpKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(kid: string): Promise<IdpKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

describe('access tokens from an OpenID Connect provider (real gRPC socket, JWKS over HTTP)', () => {
  let fixture: ApiFixture;
  let jwks: Server;
  let published: IdpKey[] = [];
  let fetches = 0;
  let auth: Rpc;
  let calls: Rpc;

  beforeAll(async () => {
    published = [await newKey('2026-11-a')];
    jwks = createServer((_, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
    });
    await new Promise<void>((done) => jwks.listen(0, '127.0.0.1', done));
    const port = (jwks.address() as AddressInfo).port;
    fixture = await startApiFixture('oidc', {
      oidc: {
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl: `http://127.0.0.1:${port}/realms/isp/protocol/openid-connect/certs`,
        claims: { rolesClaim: 'realm_access.roles' },
        jwksCooldownMs: 0,
      },
    });
    auth = rpcClient(fixture.address, 'AuthService');
    calls = rpcClient(fixture.address, 'CallService');
  });
  afterAll(async () => {
    auth?.client.close();
    calls?.client.close();
    await fixture?.close();
    await new Promise((done) => jwks?.close(done));
  });

  const token = (key: IdpKey, claims: Record<string, unknown> = {}) =>
    new SignJWT({
      sub: 'f3a1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      preferred_username: 'alice',
      realm_access: { roles: ['offline_access', 'uma_authorization', 'default-roles-isp', 'engineer'] },
      azp: 'sipflow-portal',
      iss: ISSUER,
      aud: AUDIENCE,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);

  const whoAmI = async (t: string) =>
    (await auth.unary<{ identity: { subject: string; roles: string[] } }>('whoAmI', {}, t)).identity;

  it('signs in an engineer from Keycloak-shaped tokens and serves the calls their role allows', async () => {
    const alice = await token(published[0]!);
    const me = await whoAmI(alice);
    expect(me).toMatchObject({ subject: 'f3a1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', roles: ['engineer'] });
    const found = await calls.unary<{ calls: { id: string }[] }>('searchCalls', { filter: {} }, alice);
    expect(found.calls.map((c) => c.id)).toContain(fixture.callId);
    expect(fetches).toBe(1);
  });

  it('refuses tokens of another key, with only the IdP’s roles, or for another audience', async () => {
    const stranger = await newKey(published[0]!.kid);
    // Each refusal names the provider's own reason (an RS256 token never reaches our HS256 verifier,
    // whose `alg-not-allowed` would hide it), so the audit log says what was wrong.
    const refused = async (t: string) => {
      const error = await failure(whoAmI(t));
      return { code: error.code, reason: /\(([a-z-]+)\)/.exec(error.details)?.[1] };
    };
    expect(await refused(await token(stranger))).toEqual({ code: status.UNAUTHENTICATED, reason: 'bad-signature' });
    expect(await refused(await token(published[0]!, { realm_access: { roles: ['offline_access'] } }))).toEqual({
      code: status.UNAUTHENTICATED,
      reason: 'unknown-role',
    });
    expect(await refused(await token(published[0]!, { aud: 'account' }))).toEqual({
      code: status.UNAUTHENTICATED,
      reason: 'wrong-audience',
    });
    // Another issuer's token goes to our own verifier, which refuses it by its algorithm.
    expect(await refused(await token(published[0]!, { iss: 'https://evil.example.com/' }))).toEqual({
      code: status.UNAUTHENTICATED,
      reason: 'alg-not-allowed',
    });
    // A support user from the IdP cannot correct calls: roles from the IdP go through the same rules.
    const support = await token(published[0]!, { realm_access: { roles: ['support'] } });
    const split = { action: 1, callId: fixture.callId, leg: 'L8', reason: 'test' };
    expect((await failure(calls.unary('correctCall', split, support))).code).toBe(status.PERMISSION_DENIED);
  });

  it('follows a signing-key rotation: a new kid makes the API fetch the key set again; a retired key stops working', async () => {
    const [first] = published as [IdpKey];
    const next = await newKey('2026-12-a');
    published = [first, next];
    const before = fetches;
    expect((await whoAmI(await token(next))).roles).toEqual(['engineer']);
    expect(fetches).toBe(before + 1);
    // The provider retires the first key: once the set is fetched again, its tokens are refused.
    published = [next];
    const old = await token(first);
    expect((await failure(auth.unary('whoAmI', {}, await token(await newKey('2027-01-a'))))).code).toBe(
      status.UNAUTHENTICATED,
    );
    expect((await failure(auth.unary('whoAmI', {}, old))).code).toBe(status.UNAUTHENTICATED);
    expect((await whoAmI(await token(next))).roles).toEqual(['engineer']);
  });
});
