import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort, pollUntil } from '@sipflow/testing';
import type { CorrelatorStats } from '../src/correlator.service';

const root = resolve(__dirname, '..', '..', '..');

export interface CorrelatorProcess {
  child: ChildProcess;
  port: number;
  stats(): Promise<CorrelatorStats>;
  /** Resolves when the process exits, with its exit code or signal. */
  exited: Promise<string>;
  output(): string;
}

/** The correlator as its own process (bin/correlator.cjs), configured through the environment. */
export async function spawnCorrelator(env: Record<string, string>): Promise<CorrelatorProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'services', 'correlator', 'bin', 'correlator.cjs')], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', CORRELATOR_HTTP_PORT: String(port), CLICKHOUSE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<string>((done) => child.on('exit', (code, signal) => done(signal ?? String(code))));
  const stats = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/stats`);
    return (await response.json()) as CorrelatorStats;
  };
  await pollUntil(async () => (await stats().catch(() => undefined)) !== undefined, {
    timeoutMs: 90_000,
    what: `correlator on port ${port} (${output.slice(-2000)})`,
  });
  return { child, port, stats, exited, output: () => output };
}

/** Waits until a counter stops moving: the correlator has written all it will write for now. */
export async function untilSettled(
  proc: CorrelatorProcess,
  key: keyof CorrelatorStats,
  quietMs = 3000,
  timeoutMs = 120_000,
): Promise<CorrelatorStats> {
  let last = -1;
  let since = Date.now();
  return pollUntil(
    async () => {
      const s = await proc.stats();
      const value = s[key] ?? 0;
      if (value !== last) {
        last = value;
        since = Date.now();
        return undefined;
      }
      // Settled: nothing new for a while, and every leg it published has been assembled into calls.
      return Date.now() - since >= quietMs && s.legsConsumed >= s.legsPublished ? s : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `${key} to settle` },
  );
}
