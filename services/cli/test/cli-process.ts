import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const root = resolve(__dirname, '..', '..', '..');
const bin = join(root, 'services', 'cli', 'bin', 'sipflow.cjs');

/**
 * `sipflow` as a process over one embedded data directory (no Kafka, no ClickHouse server):
 * `run` returns the result, `ok` asserts exit 0 and returns standard output.
 */
export function sipflowIn(dataDir: string, env: Record<string, string> = {}) {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args, '--data', dataDir], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CLICKHOUSE_URL: '', KAFKA_BROKERS: '', LOG_LEVEL: 'warn', NO_COLOR: '1', ...env },
    });
  const ok = (...args: string[]) => {
    const result = run(...args);
    expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result.stdout;
  };
  return { run, ok };
}
