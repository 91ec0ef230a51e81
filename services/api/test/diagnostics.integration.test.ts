import { status } from '@grpc/grpc-js';
import { createHash } from 'node:crypto';
import { Correlator } from '@sipflow/correlation';
import { decodeCaptureFile } from '@sipflow/ingest';
import { createLogger } from '@sipflow/platform';
import type { CallFlow } from '@sipflow/proto';
import { openStoreConnection, SipStore, type StoreConnection } from '@sipflow/store';
import { failure, makeTempDir, rpcClient, seedCallDevices, seedCallRecords, type Rpc } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../src/server/api-server';
import type { ApiSettings } from '../src/server/api-settings';

const PASSWORD = 'correct horse battery staple';
const settings: ApiSettings = {
  tokenTtlSeconds: 300,
  sessionTtlHours: 1,
  plan: { countryCode: '44' },
  retention: { messagesDays: 7, aggregatesDays: 90, auditDays: 365 },
  watchPollMs: 200,
};

// Corrections, holds, shares and the access trail over a real gRPC socket, in front of real chDB
// holding the seed call (samples/seed-call: 8 legs; L7… the recording legs; caller 01632 960123).
describe('CallService diagnostics RPCs', () => {
  const dir = makeTempDir('sipflow-api-diag-');
  let connection: StoreConnection;
  let server: ApiServer;
  let calls: Rpc;
  const tokens: Record<string, string> = {};
  let callId = '';

  beforeAll(async () => {
    connection = await openStoreConnection({
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
      CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
      CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
      CLICKHOUSE_DATABASE: 'sipflow_api_diag',
      SIPFLOW_DATA_DIR: dir.path,
    });
    const store = new SipStore(connection);
    await store.migrate(settings.retention);
    const correlator = new Correlator({}, seedCallDevices());
    const { accepted } = correlator.add(seedCallRecords({ startAtUs: Date.now() * 1000 - 3_600_000_000 }));
    await store.write({ messages: accepted, ...correlator.flushAll() });
    callId = (await store.searchCalls({ limit: 1 }))[0]!.id;
    server = await startApiServer({
      store,
      logger: createLogger({ level: 'silent', service: 'api-diag-test' }),
      address: '127.0.0.1:0',
      settings,
      tokenSecret: new TextEncoder().encode('integration-test-secret-of-at-least-32-bytes'),
      rateLimitPerMinute: 100_000,
    });
    const address = `127.0.0.1:${server.port}`;
    const users: [string, string[], object][] = [
      ['engineer1', ['engineer'], {}],
      ['support1', ['support'], {}],
      [
        'customer1',
        ['customer'],
        { customers: [{ id: 'acme', numbers: ['+44 1632 960123'], prefixes: [], domains: [] }] },
      ],
    ];
    const auth = rpcClient(address, 'AuthService');
    for (const [username, roles, scopes] of users) {
      await server.accounts.createUser({ username, displayName: username, roles, scopes, password: PASSWORD } as never);
      tokens[username] = (
        await auth.unary<{ session: { accessToken: string } }>('login', { username, password: PASSWORD })
      ).session.accessToken;
    }
    calls = rpcClient(address, 'CallService');
  });
  afterAll(async () => {
    await server?.close();
    await connection?.client.command({ query: 'DROP DATABASE IF EXISTS sipflow_api_diag' });
    await connection?.close();
    dir.remove();
  });

  const flow = async (id: string) =>
    (await calls.unary<{ flow: CallFlow }>('getCallFlow', { callId: id }, tokens.engineer1)).flow;

  it('splits a leg out and joins it back, shown beside the automatic evidence; only engineers may', async () => {
    const before = await flow(callId);
    const recording = before.legs.find((l) => l.toDevice === 'rec-1')!;
    const split = { action: 1, callId, leg: recording.label, reason: 'recorder of another customer' };
    expect((await failure(calls.unary('correctCall', split, tokens.support1))).code).toBe(status.PERMISSION_DENIED);
    expect((await failure(calls.unary('correctCall', { ...split, reason: ' ' }, tokens.engineer1))).code).toBe(
      status.INVALID_ARGUMENT,
    );
    const done = await calls.unary<{ correction: { id: string; author: string }; callIds: string[] }>(
      'correctCall',
      split,
      tokens.engineer1,
    );
    expect(done.correction.author).toBe('engineer1');
    expect(done.callIds).toHaveLength(2);
    const alone = done.callIds.find((id) => id !== callId)!;
    const aloneFlow = await flow(alone);
    expect(aloneFlow.legs.map((l) => l.sipCallId)).toEqual([recording.sipCallId]);
    expect(aloneFlow.corrections).toMatchObject([{ action: 'split', reason: 'recorder of another customer' }]);
    expect(aloneFlow.corrections[0]!.overruled.map((l) => l.kind)).toContain('recording');

    const joined = await calls.unary<{ callIds: string[]; removedCallIds: string[] }>(
      'correctCall',
      { action: 2, callId, otherCallId: alone, reason: 'same complaint' },
      tokens.engineer1,
    );
    expect(joined.removedCallIds).toEqual([alone]);
    const manual = (await flow(callId)).links.find((l) => l.kind === 'manual')!;
    expect(manual.evidence[0]!.detail).toBe('engineer1 joined these legs: same complaint');
  });

  it('holds a call with a reason and expiry, lists and releases it', async () => {
    const expiresUs = (Date.now() + 30 * 86_400_000) * 1000;
    const { hold } = await calls.unary<{ hold: { id: string; expiresUs: number } }>(
      'holdCall',
      { callId, reason: 'ticket 4711', expiresUs },
      tokens.engineer1,
    );
    expect(Math.abs(hold.expiresUs - expiresUs)).toBeLessThan(1_000_000);
    expect((await flow(callId)).holds.map((h) => h.id)).toEqual([hold.id]);
    expect((await calls.unary<{ holds: { id: string }[] }>('listHolds', {}, tokens.support1)).holds).toHaveLength(1);
    expect((await failure(calls.unary('holdCall', { callId, reason: 'x', expiresUs: 1 }, tokens.engineer1))).code).toBe(
      status.INVALID_ARGUMENT,
    );
    await calls.unary('releaseHold', { holdId: hold.id }, tokens.engineer1);
    expect((await calls.unary<{ holds: unknown[] }>('listHolds', { callId }, tokens.engineer1)).holds).toEqual([]);
  });

  it('shares a masked file; a customer gets only their side, and the trail records every step', async () => {
    const mine = await calls.unary<{ content: Uint8Array; mediaType: string }>(
      'shareCall',
      { callId, format: 2 },
      tokens.customer1,
    );
    const text = Buffer.from(mine.content).toString('latin1');
    expect(mine.mediaType).toBe('application/json');
    expect(text).toContain('01632960123');
    for (const other of ['01632960999', '441632960999', '07700900123']) expect(text).not.toContain(other);
    const pcap = await calls.unary<{ content: Uint8Array }>('shareCall', { callId, format: 3 }, tokens.support1);
    expect(decodeCaptureFile(new Uint8Array(pcap.content)).records.length).toBeGreaterThan(50);
    expect((await failure(calls.unary('getAccessTrail', { callId }, tokens.customer1))).code).toBe(
      status.PERMISSION_DENIED,
    );
    const trail = await calls.unary<{ entries: { action: string; subject: string }[] }>(
      'getAccessTrail',
      { callId },
      tokens.support1,
    );
    // Subjects are user ids, as everywhere in the audit log: three people acted on this call.
    const actions = trail.entries.map((e) => e.action);
    for (const expected of ['call.correct', 'call.hold', 'call.hold.release', 'call.share'])
      expect(actions).toContain(expected);
    expect(new Set(trail.entries.map((e) => e.subject)).size).toBe(3);
    expect(trail.entries.every((e) => e.subject.length > 0)).toBe(true);
  });

  it('makes an expiring link that opens without a token, masked for its recipient, only while in force', async () => {
    const soon = (ms: number) => (Date.now() + ms) * 1000;
    type Made = { link: { id: string; recipient: string; expiresUs: number }; token: string };
    const support = await calls.unary<Made>(
      'createShareLink',
      { callId, format: 1, expiresUs: soon(3_600_000) },
      tokens.engineer1,
    );
    expect(support.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(support.link.recipient).toBe('support');
    // No token on the call: the link's secret is the credential.
    const opened = await calls.unary<{ content: Uint8Array; mediaType: string; legs: number }>('openShareLink', {
      token: support.token,
    });
    const text = Buffer.from(opened.content).toString('utf8');
    expect(opened.mediaType).toMatch(/^text\/plain/);
    expect(text).toContain('INVITE');
    // samples/seed-call: the digest response on L2 is a secret support does not see.
    expect(text).not.toContain('8b3f2c71d0e94a6b5c1d7e2f90a3b4c5');
    expect(opened.legs).toBe((await flow(callId)).legs.length);

    // Only the secret's hash is stored.
    const stored = await (
      await connection.client.query({
        query: 'SELECT token_hash FROM sipflow_api_diag.share_links WHERE link_id = {id:String}',
        query_params: { id: support.link.id },
        format: 'JSONEachRow',
      })
    ).json<{ token_hash: string }>();
    expect(stored[0]!.token_hash).toBe(createHash('sha256').update(support.token).digest('hex'));
    const everything = JSON.stringify(
      await (
        await connection.client.query({ query: 'SELECT * FROM sipflow_api_diag.share_links', format: 'JSONEachRow' })
      ).json(),
    );
    expect(everything).not.toContain(support.token);

    // A customer's link is made as the customer, whatever numbers they ask for: their legs only.
    const customer = await calls.unary<Made>(
      'createShareLink',
      { callId, format: 2, customerNumbers: ['+441632960999'], expiresUs: soon(3_600_000) },
      tokens.customer1,
    );
    expect(customer.link.recipient).toBe('customer');
    const theirs = Buffer.from(
      (await calls.unary<{ content: Uint8Array }>('openShareLink', { token: customer.token })).content,
    ).toString('utf8');
    expect(theirs).toContain('01632960123');
    for (const other of ['01632960999', '441632960999']) expect(theirs).not.toContain(other);

    // Limits: 30 days at most; a customer cannot revoke an engineer's link, nor see it listed.
    expect(
      (
        await failure(
          calls.unary('createShareLink', { callId, format: 1, expiresUs: soon(31 * 86_400_000) }, tokens.engineer1),
        )
      ).code,
    ).toBe(status.INVALID_ARGUMENT);
    expect((await failure(calls.unary('revokeShareLink', { linkId: support.link.id }, tokens.customer1))).code).toBe(
      status.NOT_FOUND,
    );
    const listed = (who: string) =>
      calls
        .unary<{ links: { id: string }[] }>('listShareLinks', { callId }, tokens[who])
        .then((r) => r.links.map((l) => l.id));
    expect(new Set(await listed('support1'))).toEqual(new Set([support.link.id, customer.link.id]));
    expect(await listed('customer1')).toEqual([customer.link.id]);
    // Each listing says which links its caller may revoke: the author's own, or any for engineers.
    const revocable = async (who: string) =>
      Object.fromEntries(
        (
          await calls.unary<{ links: { id: string; revocable: boolean }[] }>('listShareLinks', { callId }, tokens[who])
        ).links.map((l) => [l.id, l.revocable]),
      );
    expect(await revocable('support1')).toEqual({ [support.link.id]: false, [customer.link.id]: false });
    expect(await revocable('customer1')).toEqual({ [customer.link.id]: true });
    expect(await revocable('engineer1')).toEqual({ [support.link.id]: true, [customer.link.id]: true });
    expect((await failure(calls.unary('revokeShareLink', { linkId: support.link.id }, tokens.support1))).code).toBe(
      status.NOT_FOUND,
    );

    // Revoked, expired, or made up: one answer, and no file.
    await calls.unary('revokeShareLink', { linkId: support.link.id }, tokens.engineer1);
    const short = await calls.unary<Made>(
      'createShareLink',
      { callId, format: 4, expiresUs: soon(2_500) },
      tokens.engineer1,
    );
    expect((await calls.unary<{ mediaType: string }>('openShareLink', { token: short.token })).mediaType).toBe(
      'image/svg+xml',
    );
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    for (const token of [support.token, short.token, 'A'.repeat(43), 'not a token', ''])
      expect((await failure(calls.unary('openShareLink', { token }))).code).toBe(status.NOT_FOUND);

    const trail = await calls.unary<{ entries: { action: string; subject: string }[] }>(
      'getAccessTrail',
      { callId },
      tokens.support1,
    );
    const actions = trail.entries.map((e) => e.action);
    for (const expected of ['call.share.link', 'call.share.open', 'call.share.revoke'])
      expect(actions).toContain(expected);
    expect(trail.entries.filter((e) => e.action === 'call.share.open').map((e) => e.subject)).toContain(
      `share-link:${support.link.id}`,
    );
  });
});
