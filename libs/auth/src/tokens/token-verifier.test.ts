import { createPublicKey } from 'node:crypto';
import { SignJWT, base64url, createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  type Principal,
  type SigningKey,
  TokenConfigError,
  TokenIssuer,
  TokenVerifier,
  type TokenVerifierOptions,
  generateHmacSecret,
  generateSigningKeyPair,
} from '../index';

const T0 = new Date('2026-03-01T12:00:00Z');
const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
const ISSUER = 'https://portal.sipflow.example';
const AUDIENCE = 'sipflow-api';
const secret = generateHmacSecret();

const principal: Principal = {
  subject: 'user-42',
  name: 'Sam Support',
  roles: ['support'],
  scopes: {
    deviceGroups: [{ name: 'north', devices: ['fb1'], pools: ['edge'] }],
    customers: [{ id: 'acme', numbers: ['+442079460000'], prefixes: [], domains: ['acme.example'] }],
  },
};

const issuer = (key: SigningKey, clock = at(0)) => new TokenIssuer({ issuer: ISSUER, audience: AUDIENCE, key, clock });
const verifier = (keys: TokenVerifierOptions['keys'], clock = at(0), over: Partial<TokenVerifierOptions> = {}) =>
  new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys, clock, ...over });
const hs = verifier({ kind: 'secret', secret });

/** A token written by hand with a valid signature, to test what the verifier does with its claims. */
function forged(claims: Record<string, unknown>, header: Record<string, unknown> = {}, key: Uint8Array = secret) {
  const now = Math.floor(T0.getTime() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'u',
    iat: now,
    nbf: now,
    exp: now + 60,
    roles: ['support'],
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', ...header })
    .sign(key);
}

async function refusal(verifying: TokenVerifier, token: unknown): Promise<string> {
  const result = await verifying.verify(token);
  return result.ok ? 'accepted' : result.error.code;
}

describe('TokenIssuer and TokenVerifier', () => {
  it('round-trips a principal with HS256', async () => {
    const token = await issuer({ alg: 'HS256', secret }).issue(principal);
    const result = await hs.verify(token);
    expect(result).toEqual({
      ok: true,
      token: {
        principal,
        tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        issuer: ISSUER,
        expiresAt: new Date(T0.getTime() + 300_000),
      },
    });
  });

  it('round-trips with ES256 and a public key, and with EdDSA through a JWKS found by kid', async () => {
    const es = await generateSigningKeyPair('ES256', 'es-1');
    const ed = await generateSigningKeyPair('EdDSA', 'ed-1');
    const esToken = await issuer(es.signingKey).issue(principal);
    const edToken = await issuer(ed.signingKey).issue(principal);

    const esVerifier = verifier({ kind: 'public-key', alg: 'ES256', key: es.publicJwk });
    expect((await esVerifier.verify(esToken)).ok).toBe(true);
    expect(await refusal(esVerifier, edToken)).toBe('alg-not-allowed');

    const jwks = { keys: [es.publicJwk, ed.publicJwk] };
    const set = verifier({ kind: 'jwks', jwks });
    expect((await set.verify(esToken)).ok).toBe(true);
    expect((await set.verify(edToken)).ok).toBe(true);

    const resolver = verifier({ kind: 'resolver', resolve: createLocalJWKSet(jwks), algorithms: ['EdDSA'] });
    expect((await resolver.verify(edToken)).ok).toBe(true);
    expect(await refusal(resolver, esToken)).toBe('alg-not-allowed');

    const other = await generateSigningKeyPair('ES256', 'es-2');
    expect(await refusal(set, await issuer(other.signingKey).issue(principal))).toBe('unknown-key');
  });

  it('refuses expired tokens, allowing the clock tolerance', async () => {
    const token = await issuer({ alg: 'HS256', secret }).issue(principal);
    expect((await verifier({ kind: 'secret', secret }, at(300 + 29)).verify(token)).ok).toBe(true);
    expect(await refusal(verifier({ kind: 'secret', secret }, at(300 + 31)), token)).toBe('expired');
    expect(await refusal(verifier({ kind: 'secret', secret }, at(301), { clockToleranceSeconds: 0 }), token)).toBe(
      'expired',
    );
  });

  it('refuses tokens not yet valid', async () => {
    const token = await issuer({ alg: 'HS256', secret }).issue(principal);
    expect(await refusal(verifier({ kind: 'secret', secret }, at(-31)), token)).toBe('not-yet-valid');
    expect((await verifier({ kind: 'secret', secret }, at(-29)).verify(token)).ok).toBe(true);
  });

  it('refuses long-lived tokens by their age, whatever exp says', async () => {
    const now = Math.floor(T0.getTime() / 1000);
    const token = await forged({ iat: now - 3600, nbf: now - 3600, exp: now + 86_400 });
    expect(await refusal(hs, token)).toBe('expired');
  });

  it('accepts a token without nbf (optional in RFC 9068) but not one without exp or sub', async () => {
    expect((await hs.verify(await forged({ nbf: undefined }))).ok).toBe(true);
    expect(await refusal(hs, await forged({ exp: undefined }))).toBe('invalid-claims');
    expect(await refusal(hs, await forged({ sub: undefined }))).toBe('invalid-claims');
  });

  it('refuses the wrong issuer, audience and type', async () => {
    expect(await refusal(hs, await forged({ iss: 'https://evil.example' }))).toBe('wrong-issuer');
    expect(await refusal(hs, await forged({ aud: 'another-api' }))).toBe('wrong-audience');
    expect(await refusal(hs, await forged({}, { typ: 'JWT' }))).toBe('wrong-type');
    expect(await refusal(hs, await forged({ iss: undefined }))).toBe('invalid-claims');
  });

  it('refuses bad signatures: another secret, a tampered payload, a tampered signature', async () => {
    const token = await issuer({ alg: 'HS256', secret }).issue(principal);
    expect(await refusal(verifier({ kind: 'secret', secret: generateHmacSecret() }), token)).toBe('bad-signature');

    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? '')));
    const elevated = base64url.encode(JSON.stringify({ ...claims, roles: ['admin'], scopes: {} }));
    expect(await refusal(hs, `${header}.${elevated}.${signature}`)).toBe('bad-signature');
    const flipped = (signature ?? '').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await refusal(hs, `${header}.${payload}.${flipped}`)).toBe('bad-signature');
  });

  it('refuses alg confusion: unsecured tokens, HMAC signed with the public key, HS256 where a key pair is expected', async () => {
    const now = Math.floor(T0.getTime() / 1000);
    const claims = base64url.encode(
      JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'u', iat: now, nbf: now, exp: now + 60, roles: ['admin'] }),
    );
    for (const alg of ['none', 'None', 'NONE']) {
      const unsecured = `${base64url.encode(JSON.stringify({ alg, typ: 'at+jwt' }))}.${claims}.`;
      expect(await refusal(hs, unsecured)).toBe('alg-not-allowed');
    }

    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const pemBytes = new TextEncoder().encode(pem);
    const confused = await forged({ roles: ['admin'] }, {}, pemBytes);
    const publicKeyVerifier = verifier({ kind: 'public-key', alg: 'ES256', key: createPublicKey(pem) });
    expect(await refusal(publicKeyVerifier, confused)).toBe('alg-not-allowed');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k' };
    expect(
      await refusal(verifier({ kind: 'jwks', jwks: { keys: [jwk] } }), await forged({}, { kid: 'k' }, pemBytes)),
    ).toBe('alg-not-allowed');

    const es = await generateSigningKeyPair('ES256', 'es-1');
    expect(await refusal(hs, await issuer(es.signingKey).issue(principal))).toBe('alg-not-allowed');
  });

  it('refuses malformed input without throwing', async () => {
    for (const token of [
      '',
      'abc',
      'a.b.c',
      '...',
      'eyJ.eyJ.',
      'x'.repeat(20_000),
      42,
      null,
      undefined,
      { token: 'x' },
    ]) {
      expect(await refusal(hs, token)).toBe('malformed');
    }
    const notJson = `${base64url.encode('{"alg":"HS256"')}.${base64url.encode('[]')}.sig`;
    expect(await refusal(hs, notJson)).toBe('malformed');
  });

  it('refuses unknown roles and malformed principal claims', async () => {
    expect(await refusal(hs, await forged({ roles: ['support', 'superuser'] }))).toBe('unknown-role');
    expect(await refusal(hs, await forged({ roles: ['__proto__'] }))).toBe('unknown-role');
    for (const claims of [
      { roles: 'admin' },
      { roles: [] },
      { sub: '' },
      { sub: 42 },
      { scopes: [] },
      { scopes: { customers: [{ id: 'x', numbers: '+44' }] } },
      { scopes: { deviceGroups: [{ devices: [1] }] } },
      { name: { first: 'x' } },
    ]) {
      expect(await refusal(hs, await forged(claims)), JSON.stringify(claims)).toBe('invalid-claims');
    }
  });

  it('refuses to be configured with weak keys or long lifetimes', () => {
    expect(() => issuer({ alg: 'HS256', secret: new Uint8Array(16) })).toThrow(TokenConfigError);
    expect(() => verifier({ kind: 'secret', secret: new TextEncoder().encode('changeme') })).toThrow(TokenConfigError);
    expect(
      () =>
        new TokenIssuer({
          issuer: ISSUER,
          audience: AUDIENCE,
          key: { alg: 'HS256', secret },
          clock: at(0),
          ttlSeconds: 86_400,
        }),
    ).toThrow(TokenConfigError);
  });
});
