import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createClient } from '@clickhouse/client';
import { createLogger } from '@sipflow/platform';
import { makeTempDir } from '@sipflow/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStoreHost, type StoreHost } from '../src/host/store-host';

const root = resolve(__dirname, '..', '..', '..');

// The embedded engine behind ClickHouse's HTTP interface, driven by the real @clickhouse/client:
// the store's own integration suite passes through it as it does against chDB in-process.
describe('store host (chDB over the ClickHouse HTTP interface)', () => {
  const dir = makeTempDir('sipflow-store-host-');
  let host: StoreHost;

  beforeAll(async () => {
    host = await startStoreHost({
      dataDir: dir.path,
      host: '127.0.0.1',
      port: 0,
      user: 'sipflow',
      password: 'host-test-password',
      logger: createLogger({ level: 'silent', service: 'store-host-test' }),
    });
  });
  afterAll(async () => {
    await host?.close();
    dir.remove();
  });

  const client = (password = 'host-test-password') =>
    createClient({
      url: host.url,
      username: 'sipflow',
      password,
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });

  it('answers ping, binds typed parameters exactly, and reports engine errors as ClickHouse does', async () => {
    const c = client();
    try {
      expect((await c.ping()).success).toBe(true);
      const tricky = "it's a \\ back\tslash";
      const rows = await (
        await c.query({
          query: 'SELECT {s:String} AS s, {ids:Array(String)} AS ids, {n:UInt16} + 1 AS n',
          query_params: { s: tricky, ids: ["a'b", 'c\\d'], n: 486 },
          format: 'JSONEachRow',
        })
      ).json<{ s: string; ids: string[]; n: number }>();
      expect(rows).toEqual([{ s: tricky, ids: ["a'b", 'c\\d'], n: 487 }]);
      await expect(c.query({ query: 'SELECT * FROM no_such_db.no_such_table', format: 'JSONEachRow' })).rejects.toThrow(
        /no_such/,
      );
    } finally {
      await c.close();
    }
  });

  it('refuses a wrong password', async () => {
    const c = client('wrong');
    try {
      await expect(c.query({ query: 'SELECT 1', format: 'JSONEachRow' })).rejects.toThrow(/Authentication failed/);
    } finally {
      await c.close();
    }
  });

  it("passes the store's own integration suite through the HTTP interface", async () => {
    const suite = spawn(
      process.execPath,
      [
        join(root, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--config',
        'tools/vitest/integration.config.mts',
        'libs/store/test/sip-store.test.ts',
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          CLICKHOUSE_URL: host.url,
          CLICKHOUSE_USER: 'sipflow',
          CLICKHOUSE_PASSWORD: 'host-test-password',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    suite.stdout.on('data', (c) => (output += c));
    suite.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((done) => suite.on('exit', done));
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toMatch(/Tests\s+.*\d+ passed/);
    // It really went through the host.
    expect(host.stats().requests).toBeGreaterThan(10);
  }, 180_000);
});
