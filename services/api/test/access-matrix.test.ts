import { type ServiceError, status } from '@grpc/grpc-js';
import type { CallFlow, CallSummary, SipMessage } from '@sipflow/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIGEST_NONCE,
  DIGEST_RESPONSE,
  PASSWORD,
  SRTP_KEY,
  startApiFixture,
  type ApiFixture,
  type Users,
} from './support/api-fixture';
import { failure, rpcClient, type Rpc } from '@sipflow/testing';

// Role × RPC × data over a real socket, on the seed call (samples/seed-call: caller +44 1632
// 960123, callee +44 1632 960999, a digest Authorization on one leg) with an SRTP key added to
// its first offer. Nothing a role must not see may leave the API.
describe('access matrix: what each role sees of the seed call', () => {
  let fixture: ApiFixture;
  let calls: Rpc;
  let stats: Rpc;
  let admin: Rpc;
  let auth: Rpc;
  let sipCallIds: string[];
  /** Record ids of the observations carrying the digest response and the SRTP key. */
  let digestRecord: string;
  let cryptoRecord: string;

  const search = (who: keyof Users, filter: object = {}) =>
    calls.unary<{ calls: CallSummary[] }>('searchCalls', { filter }, fixture.tokens[who]).then((r) => r.calls);
  const flow = (who: keyof Users, callId = fixture.callId) =>
    calls.unary<{ flow: CallFlow }>('getCallFlow', { callId }, fixture.tokens[who]).then((r) => r.flow);
  const message = (who: keyof Users, recordId: string) =>
    calls
      .unary<{ message: SipMessage }>('getMessage', { callId: fixture.callId, recordId }, fixture.tokens[who])
      .then((r) => r.message);

  beforeAll(async () => {
    fixture = await startApiFixture('matrix');
    calls = rpcClient(fixture.address, 'CallService');
    stats = rpcClient(fixture.address, 'StatsService');
    admin = rpcClient(fixture.address, 'AdminService');
    auth = rpcClient(fixture.address, 'AuthService');
    const call = (await fixture.store.getCall(fixture.callId))!;
    sipCallIds = call.sipCallIds;
    const stored = await fixture.store.messagesOf(call.sipCallIds, call.start - 60e6, call.end + 60e6);
    const text = (raw: Uint8Array) => Buffer.from(raw).toString('latin1');
    digestRecord = stored.find((m) => text(m.raw).includes(DIGEST_RESPONSE))!.recordId;
    cryptoRecord = stored.find((m) => text(m.raw).includes(SRTP_KEY))!.recordId;
    expect(digestRecord && cryptoRecord).toBeTruthy();
  });
  afterAll(() => fixture?.close());

  it('admin, engineer and support find the call; the customer whose number it is too; another customer not', async () => {
    for (const who of ['admin', 'engineer', 'support', 'customer'] as const) {
      expect(
        (await search(who)).map((c) => c.id),
        who,
      ).toContain(fixture.callId);
    }
    expect(await search('otherCustomer')).toEqual([]);
  });

  it('no crafted filter bends a search into another customer’s call', async () => {
    const probes = [
      { number: '+44 1632 960123' },
      { number: '4416', numberMatch: 2 },
      { number: '123', numberMatch: 3 },
      { sipCallId: sipCallIds[0] },
      { device: 'cs-b' },
      { kind: 'call' },
      { number: "' OR 1=1 --" },
    ];
    for (const filter of probes) {
      const result = await search('otherCustomer', filter).catch((e: ServiceError) => e.code);
      expect(
        result === status.INVALID_ARGUMENT || (Array.isArray(result) && result.length === 0),
        JSON.stringify(filter),
      ).toBe(true);
    }
    // Nor can the call, or a message of it, be opened by id or by SIP Call-ID.
    for (const ref of [fixture.callId, sipCallIds[0]!]) {
      expect((await failure(flow('otherCustomer', ref))).code).toBe(status.NOT_FOUND);
    }
    expect((await failure(message('otherCustomer', digestRecord))).code).toBe(status.NOT_FOUND);
  });

  it('engineers and admins read messages in full; support sees no digest response, nonce or SRTP key', async () => {
    for (const who of ['engineer', 'admin'] as const) {
      expect((await message(who, digestRecord)).text).toContain(DIGEST_RESPONSE);
      expect((await message(who, cryptoRecord)).text).toContain(SRTP_KEY);
    }
    for (const who of ['support', 'customer'] as const) {
      const digest = await message(who, digestRecord);
      const offer = await message(who, cryptoRecord);
      const everything = JSON.stringify([digest, offer]);
      expect(everything, who).not.toContain(DIGEST_RESPONSE);
      expect(everything, who).not.toContain(DIGEST_NONCE);
      expect(everything, who).not.toContain(SRTP_KEY);
      expect(digest.headers.find((h) => h.name === 'Authorization')?.value, who).toMatch(/response=/);
      expect(digest.redactions.length, who).toBeGreaterThan(0);
      expect(offer.body, who).toMatch(/a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:/);
    }
  });

  it('a customer sees their own number and not the other party’s, in lists, the flow and messages', async () => {
    const [summary] = await search('customer');
    expect(summary!.caller).toMatch(/1632960123$/);
    expect(summary!.callee).toBe('redacted');
    const customerFlow = await flow('customer');
    const asText = JSON.stringify(customerFlow);
    expect(asText).not.toMatch(/1632960999/);
    expect(asText).toMatch(/1632960123/);
    expect(JSON.stringify(await flow('support'))).toMatch(/1632960999/);
    const invite = await message('customer', cryptoRecord);
    expect(invite.text).not.toMatch(/1632960999/);
  });

  it('role permissions: customers get no stats or live tail, support no admin, engineers no user admin', async () => {
    const denied = async (rpc: Rpc, method: string, who: keyof Users) =>
      expect((await failure(rpc.unary(method, {}, fixture.tokens[who]))).code, `${who} ${method}`).toBe(
        status.PERMISSION_DENIED,
      );
    await denied(stats, 'kpis', 'customer');
    await denied(stats, 'responseCodeRates', 'customer');
    await denied(admin, 'listUsers', 'support');
    await denied(admin, 'listUsers', 'engineer');
    await denied(admin, 'createUser', 'engineer');
    await denied(admin, 'setRetention', 'support');
    await denied(admin, 'listAuditEvents', 'engineer');
    const watch = calls.stream('watchCalls', {}, fixture.tokens.customer) as unknown as NodeJS.EventEmitter;
    const code = await new Promise<number>((resolve) => watch.on('error', (e: ServiceError) => resolve(e.code)));
    expect(code).toBe(status.PERMISSION_DENIED);
    expect((await stats.unary<{ calls: number }>('kpis', {}, fixture.tokens.support)).calls).toBeGreaterThan(0);
    expect((await admin.unary<{ users: unknown[] }>('listUsers', {}, fixture.tokens.admin)).users.length).toBe(5);
  });

  it('scopes narrow a role: support limited to other devices sees nothing of the call', async () => {
    await admin.unary(
      'createUser',
      {
        username: 'support-elsewhere',
        roles: ['support'],
        password: PASSWORD,
        scopes: { deviceGroups: { groups: [{ name: 'north', devices: ['some-other-sbc'] }] } },
      },
      fixture.tokens.admin,
    );
    const token = (
      await auth.unary<{ session: { accessToken: string } }>('login', {
        username: 'support-elsewhere',
        password: PASSWORD,
      })
    ).session.accessToken;
    expect((await calls.unary<{ calls: unknown[] }>('searchCalls', {}, token)).calls).toEqual([]);
    expect((await failure(calls.unary('getCallFlow', { callId: fixture.callId }, token))).code).toBe(status.NOT_FOUND);
    expect((await failure(stats.unary('kpis', {}, token))).code).toBe(status.PERMISSION_DENIED);
    expect((await stats.unary<{ calls: number }>('kpis', { device: 'some-other-sbc' }, token)).calls).toBe(0);
  });

  it('writes an audit row for every call and message view and every admin change, refusals included', async () => {
    await flow('support');
    await message('engineer', digestRecord);
    await failure(flow('otherCustomer'));
    const events = (
      await admin.unary<{
        events: { action: string; target: string; outcome: string; roles: string[]; peer: string }[];
      }>('listAuditEvents', { limit: 1000 }, fixture.tokens.admin)
    ).events;
    const has = (action: string, role: string, outcome: string, target?: string) =>
      events.some(
        (e) =>
          e.action === action &&
          e.roles.includes(role) &&
          e.outcome === outcome &&
          (!target || e.target.includes(target)),
      );
    expect(has('calls.GetCallFlow', 'support', 'ok', fixture.callId)).toBe(true);
    expect(has('calls.GetMessage', 'engineer', 'ok', digestRecord)).toBe(true);
    expect(has('calls.GetCallFlow', 'customer', 'error', fixture.callId)).toBe(true);
    expect(has('admin.CreateUser', 'admin', 'ok', 'support-elsewhere')).toBe(true);
    expect(events.every((e) => e.peer.startsWith('127.0.0.1:') || e.peer.startsWith('ipv4:127.0.0.1:'))).toBe(true);
  });
});
