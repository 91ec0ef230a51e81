import { type ServiceDefinition, type ServiceError, status } from '@grpc/grpc-js';
import { type Principal, TokenIssuer } from '@sipflow/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_AUDIENCE, LOCAL_ISSUER } from '../src/auth/authenticator';
import { startApiFixture, TOKEN_SECRET, type ApiFixture } from './support/api-fixture';
import { rpcClient, SERVICES, type ServiceName } from '@sipflow/testing';

/**
 * The only RPCs callable without a token, and how each refuses a caller without its own kind of
 * credential: signing in, and opening a share link (its secret is the credential). Anything else
 * found open fails the test.
 */
const PUBLIC = new Map([
  ['AuthService.Login', status.UNAUTHENTICATED],
  ['AuthService.Refresh', status.UNAUTHENTICATED],
  ['CallService.OpenShareLink', status.NOT_FOUND],
]);

/** Every RPC of every service, read from the generated definitions: a new RPC is covered on its own. */
const RPCS = Object.entries(SERVICES).flatMap(([service, definition]) =>
  Object.entries(definition as unknown as ServiceDefinition).map(([method, d]) => ({
    service: service as ServiceName,
    method,
    rpc: `${service}.${d.path.split('/').pop()}`,
    streaming: d.responseStream,
  })),
);

const admin: Principal = { subject: 'someone', roles: ['admin'], scopes: {} };
const issue = (options: Partial<ConstructorParameters<typeof TokenIssuer>[0]>, principal = admin) =>
  new TokenIssuer({
    issuer: LOCAL_ISSUER,
    audience: API_AUDIENCE,
    key: { alg: 'HS256', secret: TOKEN_SECRET },
    clock: () => new Date(),
    ...options,
  }).issue(principal);

async function outcome(fixture: ApiFixture, rpc: (typeof RPCS)[number], token?: string) {
  const client = rpcClient(fixture.address, rpc.service);
  try {
    if (rpc.streaming) {
      const stream = client.stream(rpc.method, {}, token) as unknown as NodeJS.EventEmitter & { cancel(): void };
      return await new Promise<{ code: number; reason: string }>((resolve) => {
        const timer = setTimeout(() => {
          stream.cancel();
          resolve({ code: status.OK, reason: 'stream stayed open' });
        }, 1500);
        stream.on('data', () => {});
        stream.on('error', (error: ServiceError) => {
          clearTimeout(timer);
          resolve({ code: error.code, reason: String(error.metadata?.get('sipflow-reason')[0] ?? '') });
        });
      });
    }
    await client.unary(rpc.method, {}, token);
    return { code: status.OK, reason: '' };
  } catch (error) {
    const e = error as ServiceError;
    return { code: e.code, reason: String(e.metadata?.get('sipflow-reason')[0] ?? '') };
  } finally {
    client.client.close();
  }
}

describe('every RPC of every service refuses callers without a valid token (real gRPC socket)', () => {
  let fixture: ApiFixture;
  const bad: Record<string, string> = {};

  beforeAll(async () => {
    fixture = await startApiFixture('guard');
    const [header, payload, signature] = fixture.tokens.admin.split('.') as [string, string, string];
    const forged = Buffer.from(payload, 'base64url').toString().replace('"admin1"', '"admin2"');
    bad.tampered = `${header}.${Buffer.from(forged).toString('base64url')}.${signature}`;
    bad.badSignature = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
    bad.expired = await issue({ clock: () => new Date(Date.now() - 3_600_000) });
    bad.wrongAudience = await issue({ audience: 'another-service' });
    bad.wrongIssuer = await issue({ issuer: 'https://evil.example' });
    bad.otherKey = await new TokenIssuer({
      issuer: LOCAL_ISSUER,
      audience: API_AUDIENCE,
      key: { alg: 'HS256', secret: new TextEncoder().encode('another-secret-of-at-least-32-bytes-long') },
      clock: () => new Date(),
    }).issue(admin);
    bad.unknownRole = await issue({}, { ...admin, roles: ['superuser' as never] });
    bad.notAJwt = 'not-a-token';
  });
  afterAll(() => fixture?.close());

  it('finds the four services and their RPCs in the generated definitions', () => {
    expect(new Set(RPCS.map((r) => r.service))).toEqual(
      new Set(['AuthService', 'CallService', 'StatsService', 'AdminService']),
    );
    expect(RPCS.length).toBeGreaterThanOrEqual(20);
    for (const name of PUBLIC.keys()) expect(RPCS.map((r) => r.rpc)).toContain(name);
  });

  it.each(RPCS.filter((r) => !PUBLIC.has(r.rpc)).map((r) => [r.rpc, r] as const))(
    '%s: no token, and every kind of bad token, is UNAUTHENTICATED',
    async (_name, rpc) => {
      const none = await outcome(fixture, rpc);
      expect(none).toEqual({ code: status.UNAUTHENTICATED, reason: 'unauthenticated' });
      for (const [kind, token] of Object.entries(bad)) {
        const result = await outcome(fixture, rpc, token);
        expect({ kind, ...result }).toMatchObject({ kind, code: status.UNAUTHENTICATED });
        expect(result.reason).toMatch(/^token-/);
      }
    },
  );

  it('sign-in and share-link RPCs are the only ones open, and they refuse bad credentials themselves', async () => {
    for (const rpc of RPCS.filter((r) => PUBLIC.has(r.rpc))) {
      const result = await outcome(fixture, rpc);
      expect({ rpc: rpc.rpc, code: result.code }).toEqual({ rpc: rpc.rpc, code: PUBLIC.get(rpc.rpc) });
      expect(result.reason).not.toBe('unauthenticated');
    }
  });

  it('the same RPCs answer with a valid token (the guard is what refused them)', async () => {
    const whoAmI = RPCS.find((r) => r.rpc === 'AuthService.WhoAmI')!;
    expect(await outcome(fixture, whoAmI, fixture.tokens.admin)).toEqual({ code: status.OK, reason: '' });
  });
});
