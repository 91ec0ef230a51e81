import { Correlator } from '@sipflow/correlation';
import { createLogger } from '@sipflow/platform';
import { computeRecordId, type SipRecord } from '@sipflow/sip';
import { openStoreConnection, SipStore, type StoreConnection } from '@sipflow/store';
import { readFileSync } from 'node:fs';
import { makeTempDir, samplePath, seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';
import type { OidcSettings } from '../../src/auth/authenticator';
import { startApiServer, type ApiServer } from '../../src/server/api-server';
import type { ApiSettings } from '../../src/server/api-settings';
import { rpcClient } from '@sipflow/testing';

export const TOKEN_SECRET = new TextEncoder().encode('integration-test-secret-of-at-least-32-bytes');
export const PASSWORD = 'correct horse battery staple';
/** An SRTP key (RFC 4568 §9.1 example) put into the seed call's first offer: support must never see it. */
export const SRTP_KEY = 'WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz';
/** The digest response and nonce the seed call's Authorization header carries (samples/seed-call). */
export const DIGEST_RESPONSE = '8b3f2c71d0e94a6b5c1d7e2f90a3b4c5';
export const DIGEST_NONCE = '6C2E94A10B9F7D21';

export const settings: ApiSettings = {
  tokenTtlSeconds: 300,
  sessionTtlHours: 1,
  plan: { countryCode: '44' },
  retention: { messagesDays: 7, aggregatesDays: 90, auditDays: 365 },
  watchPollMs: 200,
};

/** The seed call with an SDES key in its first SDP offer (Content-Length kept right). */
function withSrtpOffer(records: SipRecord[]): SipRecord[] {
  let done = false;
  return records.map((r) => {
    const text = Buffer.from(r.raw).toString('latin1');
    if (done || !text.startsWith('INVITE ') || !text.includes('\r\n\r\nv=0')) return r;
    done = true;
    const [head, body] = text.split('\r\n\r\n') as [string, string];
    const sdp = body.replace(
      'a=ptime:20\r\n',
      `a=ptime:20\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${SRTP_KEY}\r\n`,
    );
    const raw = Buffer.from(
      `${head.replace(/Content-Length: \d+/i, `Content-Length: ${Buffer.byteLength(sdp, 'latin1')}`)}\r\n\r\n${sdp}`,
      'latin1',
    );
    return { ...r, raw, recordId: computeRecordId(`${r.device.id}\u0000${r.direction}`, r.captureTimeUs, raw) };
  });
}

/**
 * Another call shaped like the seed call: every SIP Call-ID changed in its last character (to a letter: a different call) (same
 * length, so the syslog octet counts stay right), moved to `startAtUs`.
 */
export function seedCallVariant(variant: number, startAtUs: number): SipRecord[] {
  let text = readFileSync(samplePath('seed-call', 'seed-call.syslog'), 'latin1');
  for (const { callId } of seedCallExpectation().legs) {
    const [local, host = ''] = callId.split('@');
    const last = 'vwxyz'[variant % 5]!;
    const changed = `${local!.slice(0, -1)}${local!.endsWith(last) ? 'q' : last}${host ? `@${host}` : ''}`;
    text = text.split(callId).join(changed);
  }
  return seedCallRecords({ startAtUs, bytes: Buffer.from(text, 'latin1') });
}

/** Correlates records as the correlator does and writes the result to the store. */
export async function correlateInto(store: SipStore, records: SipRecord[]): Promise<void> {
  const correlator = new Correlator({}, seedCallDevices());
  const observed = correlator.add(records).accepted;
  await store.write({ messages: observed, ...correlator.flushAll() });
}

export interface Users {
  admin: string;
  engineer: string;
  support: string;
  /** Owns the seed call's caller, +44 1632 960123. */
  customer: string;
  /** Owns a number the seed call does not touch. */
  otherCustomer: string;
}

export interface ApiFixture {
  address: string;
  server: ApiServer;
  store: SipStore;
  connection: StoreConnection;
  /** Tokens by user. */
  tokens: Users;
  callId: string;
  close(): Promise<void>;
}

/**
 * A real API over a real socket in front of a real chDB store holding the seed call
 * (samples/seed-call) as the correlator made it, and one signed-in user per role.
 */
export async function startApiFixture(prefix: string, options: { oidc?: OidcSettings } = {}): Promise<ApiFixture> {
  const dir = makeTempDir(`sipflow-api-${prefix}-`);
  const connection = await openStoreConnection({
    CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
    CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
    CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
    CLICKHOUSE_DATABASE: `sipflow_api_${prefix}`,
    SIPFLOW_DATA_DIR: dir.path,
  });
  const store = new SipStore(connection);
  await store.migrate(settings.retention);
  const records = withSrtpOffer(seedCallRecords({ startAtUs: Date.now() * 1000 - 3_600_000_000 }));
  await correlateInto(store, records);
  const [call] = await store.searchCalls({ limit: 1, kind: 'call' });
  if (!call) throw new Error('the seed call was not stored');

  const server = await startApiServer({
    store,
    logger: createLogger({ level: 'silent', service: 'api-test' }),
    address: '127.0.0.1:0',
    settings,
    tokenSecret: TOKEN_SECRET,
    rateLimitPerMinute: 100_000,
    ...(options.oidc && { oidc: options.oidc }),
  });
  const address = `127.0.0.1:${server.port}`;
  const accounts = server.accounts;
  const make = (username: string, roles: string[], scopes = {}) =>
    accounts.createUser({ username, displayName: username, roles, scopes, password: PASSWORD });
  await make('admin1', ['admin']);
  await make('engineer1', ['engineer']);
  await make('support1', ['support']);
  await make('customer1', ['customer'], {
    customers: [{ id: 'acme', numbers: ['+44 1632 960123'], prefixes: [], domains: [] }],
  });
  await make('customer2', ['customer'], {
    customers: [{ id: 'other', numbers: ['+44 1632 960777'], prefixes: [], domains: [] }],
  });
  const auth = rpcClient(address, 'AuthService');
  const login = async (username: string) =>
    (await auth.unary<{ session: { accessToken: string } }>('login', { username, password: PASSWORD })).session
      .accessToken;
  const tokens: Users = {
    admin: await login('admin1'),
    engineer: await login('engineer1'),
    support: await login('support1'),
    customer: await login('customer1'),
    otherCustomer: await login('customer2'),
  };
  auth.client.close();
  return {
    address,
    server,
    store,
    connection,
    tokens,
    callId: call.id,
    close: async () => {
      await server.close();
      await connection.client.command({ query: `DROP DATABASE IF EXISTS sipflow_api_${prefix}` }).catch(() => {});
      await connection.close();
      dir.remove();
    },
  };
}
