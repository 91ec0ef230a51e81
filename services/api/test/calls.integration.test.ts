import { dirname, join } from 'node:path';
import { credentials, loadPackageDefinition, type ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { CallFlow, CallSummary, SipMessage, WatchCallsResponse } from '@sipflow/proto';
import { seedCallExpectation } from '@sipflow/testing';
import { protoPath as healthProto } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlateInto, PASSWORD, seedCallVariant, startApiFixture, type ApiFixture } from './support/api-fixture';
import { failure, rpcClient, type Rpc } from '@sipflow/testing';

// The API over a real gRPC socket, in front of real chDB holding the seed call (samples/seed-call)
// as the real correlator assembled it.
describe('CallService, StatsService, AuthService and the standard services over a real socket', () => {
  let fixture: ApiFixture;
  let calls: Rpc;
  let stats: Rpc;
  let auth: Rpc;
  let token: string;
  const expected = seedCallExpectation();
  const search = (filter: object, extra: object = {}) =>
    calls.unary<{ calls: CallSummary[]; nextPageToken: string }>('searchCalls', { filter, ...extra }, token);

  beforeAll(async () => {
    fixture = await startApiFixture('calls');
    calls = rpcClient(fixture.address, 'CallService');
    stats = rpcClient(fixture.address, 'StatsService');
    auth = rpcClient(fixture.address, 'AuthService');
    token = fixture.tokens.engineer;
  });
  afterAll(() => fixture?.close());

  it('searches by any party number in any common form, exactly, by prefix and by suffix', async () => {
    for (const filter of [
      { number: '+44 1632 960123' },
      { number: '01632 960999' },
      { number: '441632960999' },
      { number: '+441632', numberMatch: 2 },
      { number: '960999', numberMatch: 3 },
      { number: '960999' },
      { number: '01632 960123', numberMatch: 1 },
    ]) {
      expect(
        (await search(filter)).calls.map((c) => c.id),
        JSON.stringify(filter),
      ).toContain(fixture.callId);
    }
    expect((await search({ number: '+44 1632 960555' })).calls).toEqual([]);
    expect((await failure(search({ number: 'alice' }))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('searches by Call-ID, device, status, class, finding, kind and outcome, and time range', async () => {
    const hit = async (filter: object) => (await search(filter)).calls.some((c) => c.id === fixture.callId);
    expect(await hit({ sipCallId: expected.legs[2]!.callId })).toBe(true);
    expect(await hit({ device: 'cs-c' })).toBe(true);
    expect(await hit({ device: 'nowhere' })).toBe(false);
    expect(await hit({ status: 200 })).toBe(true);
    expect(await hit({ statusClass: 2 })).toBe(true);
    expect(await hit({ statusClass: 4 })).toBe(false);
    expect(await hit({ kind: 'call', outcome: 'answered' })).toBe(true);
    expect(await hit({ outcome: 'busy' })).toBe(false);
    const now = Date.now() * 1000;
    expect(await hit({ sinceUs: now - 2 * 3_600_000_000, untilUs: now })).toBe(true);
    expect(await hit({ sinceUs: now - 60_000_000 })).toBe(false);
    const [summary] = (await search({ sipCallId: expected.legs[0]!.callId })).calls;
    for (const code of summary!.findingCodes) expect(await hit({ finding: code })).toBe(true);
    expect(await hit({ finding: 'auth-loop' })).toBe(summary!.findingCodes.includes('auth-loop'));
    expect((await failure(search({ status: 42 }))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('pages with a cursor in either order without repeating or losing a call', async () => {
    await correlateInto(fixture.store, seedCallVariant(7, Date.now() * 1000 - 7_200_000_000));
    const all = (await search({})).calls.map((c) => c.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const order of [1, 2]) {
      const seen: string[] = [];
      let pageToken = '';
      do {
        const page = await search({}, { pageSize: 1, pageToken, order });
        seen.push(...page.calls.map((c) => c.id));
        pageToken = page.nextPageToken;
      } while (pageToken && seen.length < 50);
      expect(new Set(seen)).toEqual(new Set(all));
      expect(seen).toHaveLength(all.length);
    }
    expect((await failure(search({}, { pageToken: 'garbage' }))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('GetCallFlow gives a ladder ready to draw: devices, coloured legs, messages, links with evidence, findings', async () => {
    const { flow } = await calls.unary<{ flow: CallFlow }>('getCallFlow', { callId: fixture.callId }, token);
    expect(flow.legs.map((l) => [l.sipCallId, l.fromDevice, l.toDevice, l.outcome]).sort()).toEqual(
      expected.legs.map((l) => [l.callId, l.from, l.to, l.outcome]).sort(),
    );
    expect(new Set(flow.legs.map((l) => l.colour)).size).toBe(flow.legs.length);
    expect(flow.devices.map((d) => d.index)).toEqual(flow.devices.map((_, i) => i));
    for (const m of flow.messages) {
      expect(flow.legs[m.legIndex]!.id).toBe(m.legId);
      expect(m.summary).toMatch(/^([A-Z]+|\d{3} .*)$/);
      expect(m.observations.length).toBeGreaterThan(0);
    }
    expect(flow.links.length).toBeGreaterThanOrEqual(flow.legs.length - 1);
    for (const link of flow.links) {
      expect(link.legIds).toHaveLength(2);
      expect(link.evidence.length).toBeGreaterThan(0);
      expect(link.confidence).toBeGreaterThan(0);
    }
    for (const f of flow.findings) {
      expect(f.title && f.explanation).toBeTruthy();
      for (const i of f.messageIndexes) expect(flow.messages[i]).toBeDefined();
    }
    expect(flow.clocks!.clocks.length).toBeGreaterThan(0);
    // By SIP Call-ID too, and a call that is not there is NOT_FOUND.
    const byCallId = await calls.unary<{ flow: CallFlow }>('getCallFlow', { callId: expected.legs[3]!.callId }, token);
    expect(byCallId.flow.call!.id).toBe(fixture.callId);
    expect((await failure(calls.unary('getCallFlow', { callId: 'no-such-call' }, token))).code).toBe(status.NOT_FOUND);
  });

  it('GetMessage returns the full text and its parsed headers', async () => {
    const { flow } = await calls.unary<{ flow: CallFlow }>('getCallFlow', { callId: fixture.callId }, token);
    const invite = flow.messages.find((m) => m.method === 'INVITE' && m.isRequest)!;
    const { message } = await calls.unary<{ message: SipMessage }>(
      'getMessage',
      { callId: fixture.callId, recordId: invite.id },
      token,
    );
    expect(message.startLine).toMatch(/^INVITE sip:/);
    expect(message.text.startsWith(message.startLine)).toBe(true);
    expect(message.headers.find((h) => /^(Call-ID|i)$/i.test(h.name))?.value).toBe(
      flow.legs[invite.legIndex]!.sipCallId,
    );
    expect(message.body).toMatch(/^v=0/);
    expect(message.redactions).toEqual([]);
    expect((await failure(calls.unary('getMessage', { callId: fixture.callId, recordId: 'nope' }, token))).code).toBe(
      status.NOT_FOUND,
    );
  });

  /** The first WatchCalls event after `write`, once the stream has taken its starting point. */
  const firstWatchEvent = async (filter: object, write: () => Promise<void>) => {
    const stream = calls.stream<WatchCallsResponse>('watchCalls', { filter }, token);
    const first = new Promise<WatchCallsResponse>((resolve, reject) => {
      const s = stream as unknown as NodeJS.EventEmitter;
      s.on('data', resolve);
      s.on('error', (error: ServiceError) => (error.code === status.CANCELLED ? undefined : reject(error)));
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await write();
    try {
      return await Promise.race([
        first,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event within 10 s')), 10_000)),
      ]);
    } finally {
      stream.cancel();
    }
  };

  it('WatchCalls streams a call as soon as the correlator writes it', async () => {
    const event = await firstWatchEvent({ kind: 'call' }, () =>
      correlateInto(fixture.store, seedCallVariant(3, Date.now() * 1000 - 60_000_000)),
    );
    expect(event.call!.kind).toBe('call');
    expect(event.call!.sipCallIds.some((id) => id.startsWith(expected.legs[1]!.callId.slice(0, -1)))).toBe(true);
    expect(event.event).toBeGreaterThan(0);
  });

  it('shows the names an administrator gives devices in search results, the call view and the live feed', async () => {
    const admin = rpcClient(fixture.address, 'AdminService');
    const NAME = 'Call server B (Leeds)';
    const summary = async () => (await search({ sipCallId: expected.legs[0]!.callId })).calls[0]!;
    const before = await summary();
    const at = before.devices.indexOf('cs-b');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(before.deviceNames[at]).not.toBe(NAME);
    await admin.unary('putDevice', { device: { id: 'cs-b', name: NAME } }, fixture.tokens.admin);
    try {
      expect((await summary()).deviceNames[at]).toBe(NAME);
      const { flow } = await calls.unary<{ flow: CallFlow }>('getCallFlow', { callId: before.id }, token);
      expect(flow.devices.find((d) => d.id === 'cs-b')?.name).toBe(NAME);
      expect(flow.call!.deviceNames[flow.call!.devices.indexOf('cs-b')]).toBe(NAME);
      const live = (
        await firstWatchEvent({ device: 'cs-b' }, () =>
          correlateInto(fixture.store, seedCallVariant(4, Date.now() * 1000 - 30_000_000)),
        )
      ).call!;
      expect(live.deviceNames[live.devices.indexOf('cs-b')]).toBe(NAME);
    } finally {
      await admin.unary('deleteDevice', { id: 'cs-b' }, fixture.tokens.admin);
      admin.client.close();
    }
    // The name the call was correlated with comes back once the administrator's is gone.
    expect((await summary()).deviceNames[at]).toBe(before.deviceNames[at]);
  });

  it('StatsService: response-code rates by code and class, and KPIs', async () => {
    const byCode = await stats.unary<{ rates: { status: number; statusClass: number; count: number }[] }>(
      'responseCodeRates',
      { groupBy: [2], bucket: 2 },
      token,
    );
    expect(byCode.rates.find((r) => r.status === 200)?.count).toBeGreaterThan(0);
    expect(byCode.rates.every((r) => r.statusClass === Math.floor(r.status / 100))).toBe(true);
    const byClass = await stats.unary<{ rates: { status: number; statusClass: number; count: number }[] }>(
      'responseCodeRates',
      { groupBy: [3] },
      token,
    );
    const sum = (rates: { count: number }[]) => rates.reduce((n, r) => n + r.count, 0);
    expect(sum(byClass.rates)).toBe(sum(byCode.rates));
    expect(byClass.rates.every((r) => r.status === 0 && r.statusClass >= 1)).toBe(true);
    const kpis = await stats.unary<{ calls: number; asr: number; ner: number; pddSamples: number; pddP50Ms: number }>(
      'kpis',
      {},
      token,
    );
    expect(kpis.calls).toBeGreaterThanOrEqual(1);
    expect(kpis.asr).toBeGreaterThan(0);
    expect(kpis.ner).toBeGreaterThanOrEqual(kpis.asr);
    expect(kpis.pddSamples).toBeGreaterThan(0);
    expect(kpis.pddP50Ms).toBeGreaterThan(0);
    expect((await failure(stats.unary('kpis', { sinceUs: 10, untilUs: 5 }, token))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('AuthService: refresh rotates the session, logout ends it, wrong passwords are refused', async () => {
    expect((await failure(auth.unary('login', { username: 'engineer1', password: 'wrong' }))).code).toBe(
      status.UNAUTHENTICATED,
    );
    const login = await auth.unary<{ session: { accessToken: string; refreshToken: string } }>('login', {
      username: 'engineer1',
      password: PASSWORD,
    });
    const refreshed = await auth.unary<{ session: { accessToken: string; refreshToken: string } }>('refresh', {
      refreshToken: login.session.refreshToken,
    });
    expect(refreshed.session.refreshToken).not.toBe(login.session.refreshToken);
    const who = await auth.unary<{ identity: { username: string; roles: string[] } }>(
      'whoAmI',
      {},
      refreshed.session.accessToken,
    );
    expect(who.identity).toMatchObject({ username: 'engineer1', roles: ['engineer'] });
    // The spent refresh token no longer works; logout ends the new one.
    expect((await failure(auth.unary('refresh', { refreshToken: login.session.refreshToken }))).code).toBe(
      status.UNAUTHENTICATED,
    );
    await auth.unary('logout', { refreshToken: refreshed.session.refreshToken }, refreshed.session.accessToken);
    expect((await failure(auth.unary('refresh', { refreshToken: refreshed.session.refreshToken }))).code).toBe(
      status.UNAUTHENTICATED,
    );
  });

  it('serves grpc.health.v1 and server reflection', async () => {
    const health = loadPackageDefinition(loadSync(healthProto, { enums: String })) as never as {
      grpc: {
        health: {
          v1: {
            Health: new (
              a: string,
              c: unknown,
            ) => { check(r: { service: string }, cb: (e: Error | null, r: { status: string }) => void): void };
          };
        };
      };
    };
    const client = new health.grpc.health.v1.Health(fixture.address, credentials.createInsecure());
    for (const service of ['', 'sipflow.v1.CallService']) {
      const reply = await new Promise<{ status: string }>((resolve, reject) =>
        client.check({ service }, (e: Error | null, r: { status: string }) => (e ? reject(e) : resolve(r))),
      );
      expect(reply.status).toBe('SERVING');
    }
    const reflectionProto = join(
      dirname(require.resolve('@grpc/reflection/package.json')),
      'build/proto/grpc/reflection/v1/reflection.proto',
    );
    const reflection = loadPackageDefinition(loadSync(reflectionProto)) as never as {
      grpc: {
        reflection: { v1: { ServerReflection: new (a: string, c: unknown) => { serverReflectionInfo(): unknown } } };
      };
    };
    const r = new reflection.grpc.reflection.v1.ServerReflection(fixture.address, credentials.createInsecure());
    const call = r.serverReflectionInfo() as NodeJS.EventEmitter & { write(m: unknown): void; end(): void };
    const names = await new Promise<string[]>((resolve, reject) => {
      call.on('data', (m: { listServicesResponse?: { service: { name: string }[] } }) =>
        resolve((m.listServicesResponse?.service ?? []).map((s) => s.name)),
      );
      call.on('error', reject);
      call.write({ listServices: '' });
    });
    call.end();
    expect(names).toEqual(expect.arrayContaining(['sipflow.v1.CallService', 'sipflow.v1.AdminService']));
  });
});
