import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

export interface RunningSipflow {
  /** The portal's URL as `sipflow start` printed it. */
  portalUrl: string;
  admin: { username: string; password: string };
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * `sipflow start --demo` as a user runs it (the all-in-one composition root: collector, correlator,
 * store, API and portal), in a fresh data directory on free ports, with the demo replayer sending
 * a new round of calls every `demoIntervalSeconds`. Resolves once the portal URL is printed.
 */
export async function startSipflow(options: { demoIntervalSeconds?: number; timeoutMs?: number } = {}) {
  const data = mkdtempSync(join(tmpdir(), 'sipflow-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'services/cli/bin/sipflow.cjs'),
      'start',
      '--demo',
      '--data',
      data,
      '--http-port',
      '0',
      '--grpc-port',
      '0',
      '--syslog-port',
      '0',
      '--hep-port',
      '0',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        DEMO_INTERVAL_SECONDS: String(options.demoIntervalSeconds ?? 8),
        COLLECTOR_BIND_ADDRESS: '127.0.0.1',
        COLLECTOR_HTTP_ADDRESS: '127.0.0.1',
        COLLECTOR_HTTP_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 480_000);
  for (;;) {
    const url = /portal:\s+(http:\/\/\S+)/.exec(out)?.[1];
    const admin = /user (\S+), password (\S+)/.exec(out);
    if (url && admin && /demo: sent/.test(out)) {
      return {
        portalUrl: url,
        admin: { username: admin[1]!, password: admin[2]! },
        output: () => out,
        stop,
      } satisfies RunningSipflow;
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`sipflow start did not come up (exit ${child.exitCode}):\n${out}\n${err.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
