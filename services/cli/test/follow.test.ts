import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { makeTempDir, pollUntil, samplePath } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, sipflowIn } from './cli-process';

// `sipflow calls --follow` as a process while `sipflow import` (another process) writes the seed
// call (samples/seed-call) into one embedded store shared through the store host (CLICKHOUSE_URL).
describe('sipflow calls --follow', () => {
  const data = makeTempDir('sipflow-cli-follow-');
  let host: ChildProcess;
  let url = '';
  beforeAll(async () => {
    // The store host as its own process, as deployments run it.
    host = spawn(process.execPath, [join(root, 'services/store-host/bin/store-host.cjs')], {
      cwd: root,
      env: { ...process.env, SIPFLOW_DATA_DIR: data.path, STORE_HOST_PORT: '0', LOG_LEVEL: 'warn', CLICKHOUSE_URL: '' },
    });
    let printed = '';
    host.stdout!.on('data', (b: Buffer) => (printed += b.toString()));
    url = await pollUntil(() => /CLICKHOUSE_URL=(\S+)/.exec(printed)?.[1], {
      timeoutMs: 60_000,
      what: 'the store host',
    });
  });
  afterAll(async () => {
    host?.kill('SIGTERM');
    await new Promise((r) => (host.exitCode !== null ? r(null) : host.once('exit', r)));
    data.remove();
  });

  it('prints every call touching the number as it is written, and nothing for another number', async () => {
    const env = { CLICKHOUSE_URL: url, DEVICE_MAP_FILE: samplePath('seed-call', 'devices.json') };
    const follow = (number: string) => {
      const child = spawn(
        process.execPath,
        [join(root, 'services/cli/bin/sipflow.cjs'), 'calls', '--follow', number, '--follow-seconds', '120', '--json'],
        { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', NO_COLOR: '1', KAFKA_BROKERS: '', ...env } },
      );
      const out = { stdout: '', stderr: '' };
      child.stdout.on('data', (b: Buffer) => (out.stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out.stderr += b.toString()));
      return { child, out };
    };
    const mine = follow('01632 960123');
    const other = follow('07700 900999');
    try {
      await pollUntil(() => mine.out.stderr.includes('following') && other.out.stderr.includes('following'), {
        timeoutMs: 60_000,
        what: 'both followers to start',
      });
      sipflowIn(join(data.path, 'unused'), env).ok('import', samplePath('seed-call', 'seed-call.syslog'));
      const events = await pollUntil(
        () => {
          const rows = mine.out.stdout
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l));
          return rows.some((r) => r.legs === 8) ? rows : undefined;
        },
        { timeoutMs: 60_000, what: 'the seed call on the follower' },
      );
      expect(events[0]).toMatchObject({ event: 'created', caller: '+441632960123' });
      expect(new Set(events.map((e: { id: string }) => e.id)).size).toBeGreaterThanOrEqual(1);
      expect(other.out.stdout).toBe('');
    } finally {
      mine.child.kill('SIGINT');
      other.child.kill('SIGINT');
    }
    const exits = await Promise.all(
      [mine.child, other.child].map(
        (c) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', r))),
      ),
    );
    expect(exits).toEqual([0, 0]);
  }, 240_000);
});
