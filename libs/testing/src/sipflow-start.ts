import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface RunningSipflow {
  /** The portal's URL as `sipflow start` printed it. */
  portalUrl: string;
  /** The admin login printed on the first start of a data directory. */
  admin: { username: string; password: string };
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartSipflowOptions {
  /** Run the demo replayer, a new round every this many seconds. */
  demoIntervalSeconds?: number;
  /** An existing data directory (kept at stop); default a fresh one, removed at stop. */
  data?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * `sipflow start` as a user runs it (the all-in-one composition root: collector, correlator, store,
 * API and portal) on free ports, optionally with the demo replayer. Resolves once the portal URL
 * and the first admin login are printed (and, with the demo, its first round is sent).
 */
export async function startSipflow(options: StartSipflowOptions = {}): Promise<RunningSipflow> {
  const data = options.data ?? mkdtempSync(join(tmpdir(), 'sipflow-start-'));
  const demo = options.demoIntervalSeconds !== undefined;
  const ports = ['--http-port', '--grpc-port', '--syslog-port', '--hep-port'].flatMap((flag) => [flag, '0']);
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'services/cli/bin/sipflow.cjs'), 'start', ...(demo ? ['--demo'] : []), '--data', data, ...ports],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...(demo ? { DEMO_INTERVAL_SECONDS: String(options.demoIntervalSeconds) } : {}),
        COLLECTOR_BIND_ADDRESS: '127.0.0.1',
        COLLECTOR_HTTP_ADDRESS: '127.0.0.1',
        COLLECTOR_HTTP_PORT: '0',
        ...options.env,
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
    if (!options.data) rmSync(data, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 480_000);
  for (;;) {
    const url = /portal:\s+(http:\/\/\S+)/.exec(out)?.[1];
    const admin = /user (\S+), password (\S+)/.exec(out);
    if (url && admin && (!demo || /demo: sent/.test(out))) {
      return { portalUrl: url, admin: { username: admin[1]!, password: admin[2]! }, output: () => out, stop };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`sipflow start did not come up (exit ${child.exitCode}):\n${out}\n${err.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
