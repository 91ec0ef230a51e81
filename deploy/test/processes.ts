import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, pollUntil } from '@sipflow/testing';
import { repoRoot } from './dockerfile';

/** A sipflow service started from its bin, as a deployment runs it: configuration from the environment. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<string>;
  /** SIGTERM, then SIGKILL if it has not gone after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnService(name: string, bin: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [join(repoRoot, bin)], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-100_000));
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<string>((done) => child.on('exit', (code, signal) => done(signal ?? String(code))));
  return {
    name,
    child,
    output: () => output,
    exited,
    stop: async (graceMs = 15_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** Waits for a line of the process's stdout that matches, and returns its first group. */
export async function untilPrinted(proc: ServiceProcess, pattern: RegExp, timeoutMs = 90_000): Promise<string> {
  return pollUntil(() => pattern.exec(proc.output())?.[1], {
    timeoutMs,
    what: `${proc.name} to print ${pattern} (${proc.output().slice(-1500)})`,
  });
}

export interface CollectorPorts {
  syslogUdp: number;
  hepUdp: number;
  http: number;
}

export async function startCollectorProcess(name: string, env: Record<string, string>) {
  const proc = spawnService(name, 'services/collector/bin/collector.cjs', env);
  const line = await untilPrinted(proc, /^(\{"event":"collector-started".*)$/m);
  return { ...proc, ports: (JSON.parse(line) as { ports: CollectorPorts }).ports };
}

export interface CorrelatorCounters {
  records: number;
  callsWritten: number;
  legsPublished: number;
  legsConsumed: number;
}

export async function startCorrelatorProcess(name: string, env: Record<string, string>) {
  const port = await freePort();
  const proc = spawnService(name, 'services/correlator/bin/correlator.cjs', {
    ...env,
    CORRELATOR_HTTP_HOST: '127.0.0.1',
    CORRELATOR_HTTP_PORT: String(port),
  });
  const stats = async (): Promise<CorrelatorCounters> =>
    (await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as CorrelatorCounters;
  await pollUntil(async () => (await stats().catch(() => undefined)) !== undefined, {
    timeoutMs: 90_000,
    what: `${name} status endpoint (${proc.output().slice(-1500)})`,
  });
  return { ...proc, stats };
}
