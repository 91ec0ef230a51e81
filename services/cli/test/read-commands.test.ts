import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Correlator } from '@sipflow/correlation';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { makeTempDir, seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..', '..');
const bin = join(root, 'services', 'cli', 'bin', 'sipflow.cjs');

// `sipflow calls / flow / stats` as processes over an embedded store holding the seed call.
describe('sipflow calls, flow and stats', () => {
  const data = makeTempDir('sipflow-cli-read-');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args, '--data', data.path], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CLICKHOUSE_URL: '', LOG_LEVEL: 'warn', NO_COLOR: '1' },
    });
  const expected = seedCallExpectation();

  beforeAll(async () => {
    const connection = await openStoreConnection({
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'sipflow',
      SIPFLOW_DATA_DIR: data.path,
    });
    const store = new SipStore(connection);
    await store.migrate({ messagesDays: 7, aggregatesDays: 90, auditDays: 365 });
    const correlator = new Correlator({}, seedCallDevices());
    const { accepted } = correlator.add(seedCallRecords({ startAtUs: Date.now() * 1000 - 3600_000_000 }));
    const out = correlator.flushAll();
    await store.write({ messages: accepted, ...out });
    await connection.close();
  });
  afterAll(() => data.remove());

  it('lists the call as JSON, found by the caller number in national or international form', () => {
    // As support staff type it (NUMBER_DEFAULT_COUNTRY defaults to GB): national, international with
    // '+' or '00', bare country code, the last digits; and the mobile fork's callee in national form.
    for (const number of [
      '01632 960123',
      '+44 1632 960123',
      '441632960123',
      '0044 1632 960123',
      '960123',
      '07700 900123',
    ]) {
      const result = run('calls', '--json', '--number', number);
      expect(result.status, result.stderr).toBe(0);
      const calls = JSON.parse(result.stdout);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ kind: 'call', legs: 8, outcome: 'answered', findings: 1 });
      expect(calls[0].devices).toContain('Recorder 1');
      expect(new Set(calls[0].sipCallIds)).toEqual(new Set(expected.legs.map((l) => l.callId)));
      expect(calls[0].start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(JSON.parse(run('calls', '--json', '--number', '+447700900999').stdout)).toEqual([]);
    const bad = run('calls', '--number', "0' OR 1=1");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--number: not a telephone number');
  });

  it('shows the flow as JSON with legs, colours, messages and link evidence', () => {
    const [call] = JSON.parse(run('calls', '--json').stdout);
    const result = run('flow', call.id, '--json');
    expect(result.status, result.stderr).toBe(0);
    const flow = JSON.parse(result.stdout);
    expect(flow.devices).toHaveLength(9);
    expect(flow.legs).toHaveLength(8);
    expect(new Set(flow.legs.map((l: { colour: string }) => l.colour)).size).toBe(8);
    expect(flow.messages).toHaveLength(expected.records);
    expect(flow.messages[0]).toMatchObject({ summary: 'INVITE', src: 'carrier-sbc', dst: 'cs-b' });
    expect(flow.messages[0].raw).toMatch(/^INVITE sip:\+441632960999@192\.0\.2\.10 SIP\/2\.0\r\n/);
    expect(flow.links.length).toBeGreaterThanOrEqual(7);
    expect(flow.links.every((l: { evidence: unknown[] }) => l.evidence.length > 0)).toBe(true);
  });

  it('finds the call by any of its SIP Call-IDs and draws the ladder in text', () => {
    const result = run('flow', expected.legs[5]!.callId, '--text');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\|-+INVITE-+>\|/);
    expect(result.stdout).toContain('Mobile gateway');
    expect(result.stdout).not.toContain('\u001b[');
    expect(run('flow', 'no-such-call', '--json').status).toBe(1);
  });

  it('counts responses by code', () => {
    const result = run('stats', '--json', '--by', 'code');
    expect(result.status, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { status: number; count: number }[];
    expect(rows.find((r) => r.status === 401)?.count).toBe(2);
    expect(rows.find((r) => r.status === 487)?.count).toBeGreaterThanOrEqual(3);
    expect(run('stats', '--by', 'nonsense').status).toBe(2);
  });
});
