import { Correlator } from '@sipflow/correlation';
import { loadRfcFlow, makeTempDir, seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreConnection, type StoreConnection } from '../src/connection';
import { HoldStore } from '../src/holds/hold-store';
import { SipStore } from '../src/sip-store';

const retention = { messagesDays: 7, aggregatesDays: 90, auditDays: 365 };
const actor = { subject: 'alice', roles: ['engineer'], peer: 'test' };
const db = 'sipflow_hold_test';

// Investigation holds on the real engine: the seed call (samples/seed-call) is held, the RFC 3665
// §3.1 call (corpus/SOURCES.md: rfc3665) is not; both are then made older than their retention.
describe('investigation hold', () => {
  const dir = makeTempDir('sipflow-hold-');
  let connection: StoreConnection;
  let store: SipStore;
  let holds: HoldStore;

  beforeAll(async () => {
    connection = await openStoreConnection({
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
      CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
      CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
      CLICKHOUSE_DATABASE: db,
      SIPFLOW_DATA_DIR: dir.path,
    });
    store = new SipStore(connection);
    holds = new HoldStore(store);
    await store.migrate(retention);
    const write = async (correlator: Correlator, records: Parameters<Correlator['add']>[0]) => {
      const { accepted } = correlator.add(records);
      await store.write({ messages: accepted, ...correlator.flushAll() });
    };
    const hourAgo = Date.now() * 1000 - 3600_000_000;
    await write(new Correlator({}, seedCallDevices()), seedCallRecords({ startAtUs: hourAgo }));
    const flow = loadRfcFlow('3.01_successful-session-establishment');
    await write(new Correlator({}, flow.devices), flow.records({ startUs: hourAgo }));
  });
  afterAll(async () => {
    await connection?.client.command({ query: `DROP DATABASE IF EXISTS ${db}` });
    await connection?.close();
    dir.remove();
  });

  /** Every original row stored long ago: as if the retention had passed. */
  const ageEverything = async () => {
    for (const table of ['sip_messages', 'sip_calls', 'sip_numbers', 'sip_legs']) {
      await connection.client.command({
        query: `ALTER TABLE ${db}.${table} UPDATE ingested = now() - INTERVAL 30 DAY WHERE 1`,
        clickhouse_settings: { mutations_sync: '2' },
      });
      await store.optimize(table);
    }
  };

  it('keeps a held call past its retention while the others expire; the hold ends by release or its own expiry', async () => {
    const calls = await store.searchCalls({ limit: 10 });
    expect(calls.map((c) => c.legs).sort()).toEqual([1, 8]);
    const seed = (await store.getCall(calls.find((c) => c.legs === 8)!.id))!;
    const other = calls.find((c) => c.legs === 1)!;
    const messages = (await store.messagesOf(seed.sipCallIds, seed.start - 60e6, seed.end + 60e6)).length;
    // Another API replica or the CLI on the same store: with no hold anywhere it skips the *_held tables.
    const replica = new SipStore(connection);
    expect(await replica.hasHeldCopies()).toBe(false);

    const long = await holds.hold(
      seed,
      { id: 'h-long', reason: 'ticket 4711', expires: Date.now() + 86_400_000 },
      actor,
    );
    // Long enough to outlast the aging and checks below on a loaded machine (they took > 3 s there).
    const short = await holds.hold(seed, { id: 'h-short', reason: 'quick look', expires: Date.now() + 15_000 }, actor);
    expect((await holds.list()).map((h) => h.id)).toEqual(['h-short', 'h-long']);
    expect(await store.hasHeldCopies()).toBe(true);
    // The replica learns of holds made elsewhere at its next recheck, and reads their copies from then on.
    expect(await replica.hasHeldCopies(Date.now() + 10_001)).toBe(true);

    await ageEverything();
    // Not held: gone by TTL.
    expect(await store.getCall(other.id)).toBeUndefined();
    expect(await store.searchCalls({ limit: 10, sipCallId: other.sipCallIds[0]! })).toEqual([]);
    // Held: still there in full, found by number as people type it.
    expect((await store.getCall(seed.id))?.legs).toHaveLength(8);
    expect(await store.messagesOf(seed.sipCallIds, seed.start - 60e6, seed.end + 60e6)).toHaveLength(messages);
    expect((await store.searchCalls({ limit: 10, number: '01632 960123' })).map((c) => c.id)).toEqual([seed.id]);
    expect(await store.searchCalls({ limit: 10 })).toHaveLength(1);
    expect((await replica.getCall(seed.id))?.legs).toHaveLength(8);

    // Released: the long hold's copies go; the short hold still keeps the call until it expires.
    expect((await holds.release(long.id, actor))?.id).toBe('h-long');
    expect(Date.now()).toBeLessThan(short.expires);
    expect((await store.getCall(seed.id))?.legs).toHaveLength(8);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, short.expires - Date.now()) + 1100));
    for (const table of ['sip_messages_held', 'sip_calls_held', 'sip_numbers_held']) await store.optimize(table);
    expect(await store.getCall(seed.id)).toBeUndefined();
    expect(await store.messagesOf(seed.sipCallIds, seed.start - 60e6, seed.end + 60e6)).toEqual([]);
    expect(await holds.list()).toEqual([]);
    expect(await replica.hasHeldCopies(Date.now() + 30_000)).toBe(false);

    const audit = await (
      await connection.client.query({
        query: `SELECT action, target, subject FROM ${db}.audit_log ORDER BY ts, action`,
        format: 'JSONEachRow',
      })
    ).json<{ action: string; target: string; subject: string }>();
    expect(audit.map((a) => a.action).sort()).toEqual(['call.hold', 'call.hold', 'call.hold.release']);
    expect(new Set(audit.map((a) => `${a.subject} ${a.target}`))).toEqual(new Set([`alice ${seed.id}`]));
  });
});
