import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { makeTempDir, pollUntil } from '@sipflow/testing';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..', '..');
const bin = join(root, 'services', 'cli', 'bin', 'sipflow.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

describe('the sipflow command (as a process)', () => {
  const data = makeTempDir('sipflow-cli-');
  afterAll(() => data.remove());

  it('prints help listing every subcommand of the design', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    for (const command of ['start', 'import', 'calls', 'flow', 'stats', 'parse']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('fails a usage error with exit code 2', () => {
    const result = run('no-such-command');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command');
  });

  it('starts on embedded defaults, refuses a second process on the same data directory, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'start',
        '--data',
        data.path,
        '--syslog-port',
        '0',
        '--hep-port',
        '0',
        '--grpc-port',
        '0',
        '--http-port',
        '0',
        '--demo',
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          KAFKA_BROKERS: '',
          CLICKHOUSE_URL: '',
          LOG_LEVEL: 'warn',
          COLLECTOR_BIND_ADDRESS: '127.0.0.1',
          COLLECTOR_HTTP_ADDRESS: '127.0.0.1',
          COLLECTOR_HTTP_PORT: '0',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    await pollUntil(() => stdout.includes('sipflow is running'), {
      timeoutMs: 60_000,
      what: `start banner (${stderr})`,
    });
    expect(stdout).toContain('embedded ClickHouse (chDB)');
    expect(stdout).toMatch(/bus: +in-process/);
    expect(stdout).toMatch(/correlator: +running/);
    // The collector's listeners, on the free ports the OS gave them.
    const ports =
      /collector: +syslog udp\/(\d+) tcp\/(\d+), HEP udp\/(\d+) tcp\/(\d+), metrics http:\/\/127\.0\.0\.1:(\d+)/.exec(
        stdout,
      );
    expect(ports?.slice(1).every((p) => Number(p) > 0)).toBe(true);
    // The portal, served by this process (built by `nx build web`, a dependency of this target).
    const portal = /portal: +(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    expect(portal).toBeDefined();
    const signIn = await fetch(`${portal}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('Sign in to sipflow');
    // --demo: FireBrick syslog and HEP datagrams over UDP into the listeners just opened.
    await pollUntil(() => /demo: sent .*\((\d+) syslog, (\d+) HEP datagrams\)/.test(stdout), { what: 'demo round' });
    expect(stdout).toContain(
      'demo: sent the seed call, a refused registration and a busy call (76 syslog, 7 HEP datagrams)',
    );
    const metricsUrl = `http://127.0.0.1:${ports![5]}/metrics`;
    const decoded = (device: string, path: string) => async () =>
      Number(
        new RegExp(`sipflow_collector_decoded_total\\{device="${device}",ingest_path="${path}"\\} (\\d+)`).exec(
          await (await fetch(metricsUrl)).text(),
        )?.[1] ?? 0,
      );
    // Devices named from the demo's device map: syslog by hostname, HEP by capture id.
    await pollUntil(async () => (await decoded('cs-b', 'syslog')()) > 0, { what: 'syslog from cs-b decoded' });
    await pollUntil(async () => (await decoded('edge-proxy', 'hep')()) === 7, { what: 'HEP from the edge proxy' });

    const second = run('start', '--data', data.path);
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(`in use by pid ${child.pid}`);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('sipflow stopped');

    // What the demo sent was correlated and stored before the process stopped.
    const listed = run('calls', '--data', data.path, '--json');
    expect(listed.status, listed.stderr).toBe(0);
    const calls = JSON.parse(listed.stdout) as Array<{
      kind: string;
      legs: number;
      devices: string[];
      outcome: string;
    }>;
    const seed = calls.find((c) => c.legs === 8);
    expect(seed?.devices).toEqual(expect.arrayContaining(['Call server B', 'Recorder 1']));
    const registration = calls.find((c) => c.kind === 'registration');
    expect(registration).toMatchObject({ outcome: 'failed', finalStatus: 403 });
    const busy = calls.find((c) => c.devices.includes('Edge proxy (Kamailio)'));
    expect(busy).toMatchObject({ kind: 'call', finalStatus: 486 });
  });
});
