import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDockerfile, repoRoot } from './dockerfile';

// No Docker engine runs on this machine or in CI, so the images are not built here: the
// Dockerfile is linted (dockerfile-utils, the linter of the Dockerfile language server) and
// checked for what the issue asks of every image, and the two scripts every image runs
// (entry point and HEALTHCHECK) are run for real against live sockets.

const dockerDir = join(repoRoot, 'deploy', 'docker');
const dockerfile = readFileSync(join(dockerDir, 'Dockerfile'), 'utf8');
const SERVICES = ['collector', 'correlator', 'api', 'web'] as const;

describe('deploy/docker/Dockerfile', () => {
  it('passes the linter with every rule at error level', () => {
    const strict: ValidatorSettings = {
      deprecatedMaintainer: ValidationSeverity.ERROR,
      directiveCasing: ValidationSeverity.ERROR,
      emptyContinuationLine: ValidationSeverity.ERROR,
      instructionCasing: ValidationSeverity.ERROR,
      instructionCmdMultiple: ValidationSeverity.ERROR,
      instructionEntrypointMultiple: ValidationSeverity.ERROR,
      instructionHealthcheckMultiple: ValidationSeverity.ERROR,
      instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
      instructionWorkdirRelative: ValidationSeverity.ERROR,
    };
    const problems = validate(dockerfile, strict).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
    // The linter does find faults (so an empty list above means something).
    const broken = validate('FROM node\nHEALTHCHECK CMD\nWORKDIR app\n', strict);
    expect(broken.filter((d) => d.severity === 1 /* DiagnosticSeverity.Error */).length).toBeGreaterThanOrEqual(2);
  });

  const stages = parseDockerfile(dockerfile);
  const runtime = stages.at(-1)!;

  it('is multi-stage, with a pinned base image and the service chosen by a build argument', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'prune', 'runtime']);
    expect(stages.filter((s) => s.from === '${NODE_IMAGE}')).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+-bookworm-slim$/m);
    for (const stage of stages)
      expect(stage.instructions.some((i) => i.keyword === 'ARG' && i.args === 'SERVICE')).toBe(true);
    // The runtime starts from the bare base image, not from the build stage with its toolchain.
    expect(runtime.from).toBe('${NODE_IMAGE}');
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((i) => i.args.includes('--from=prune'))).toBe(true);
  });

  it('runs as a non-root user in the final stage', () => {
    const users = runtime.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
    // Nothing after USER switches back or needs root.
    const afterUser = runtime.instructions.slice(runtime.instructions.findIndex((i) => i.keyword === 'USER'));
    expect(afterUser.filter((i) => i.keyword === 'RUN')).toEqual([]);
  });

  it('declares a HEALTHCHECK and an exec-form entry point in the final stage', () => {
    const health = runtime.instructions.find((i) => i.keyword === 'HEALTHCHECK');
    expect(health?.args).toMatch(/CMD \["node", "deploy\/docker\/healthcheck.cjs"\]/);
    expect(health?.args).toMatch(/--interval=\d+s/);
    const entry = runtime.instructions.find((i) => i.keyword === 'ENTRYPOINT');
    expect(JSON.parse(entry!.args)).toEqual(['node', 'deploy/docker/start.cjs']);
  });

  it('keeps the embedded engine, dev dependencies and host state out of the image', () => {
    const prune = stages.find((s) => s.name === 'prune')!;
    const run = prune.instructions.find((i) => i.keyword === 'RUN')!.args;
    expect(run).toContain('npm prune --omit=dev');
    // The portal's build stamp covers package-lock.json: prune must not leave it changed.
    expect(run).toMatch(/cp \/tmp\/package-lock.json package-lock.json/);
    expect(run).toContain('node_modules/@chdb');
    const ignore = readFileSync(join(dockerDir, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '.git', 'data', 'proto/gen']) expect(ignore).toContain(entry);
  });
});

describe('deploy/docker/start.cjs (the entry point)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { entries } = require(join(dockerDir, 'start.cjs')) as { entries: Record<string, { bin: string }> };

  it('knows every service, and each service it starts exists in the repository', () => {
    expect(Object.keys(entries).sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) {
      const bin = join(repoRoot, entries[service]!.bin);
      expect(existsSync(bin), `${service}: ${bin}`).toBe(true);
    }
  });

  it('refuses an unknown service with a clear message and a usage exit code', () => {
    const run = spawnSync(process.execPath, [join(dockerDir, 'start.cjs')], {
      env: { ...process.env, SIPFLOW_SERVICE: 'database' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('SIPFLOW_SERVICE must be one of collector, correlator, api, web');
  });
});

describe('deploy/docker/healthcheck.cjs (the HEALTHCHECK)', () => {
  const servers: (Server | ReturnType<typeof createTcpServer>)[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  // Asynchronous: the servers it probes live in this process and must keep answering.
  const healthcheck = (env: Record<string, string>) =>
    new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [join(dockerDir, 'healthcheck.cjs')], {
        env: { PATH: process.env.PATH, ...env },
        stdio: 'ignore',
        timeout: 15_000,
      });
      child.on('exit', (code) => done(code));
    });

  async function httpServer(status: (path: string) => number): Promise<number> {
    const server = createHttpServer((req, res) => res.writeHead(status(req.url ?? '/')).end());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }

  it('passes when /livez answers 200 and fails when it answers 503 or nothing listens', async () => {
    const live = await httpServer((path) => (path === '/livez' ? 200 : 404));
    const dead = await httpServer(() => 503);
    expect(await healthcheck({ SIPFLOW_SERVICE: 'collector', COLLECTOR_HTTP_PORT: String(live) })).toBe(0);
    expect(await healthcheck({ SIPFLOW_SERVICE: 'correlator', CORRELATOR_HTTP_PORT: String(live) })).toBe(0);
    expect(await healthcheck({ SIPFLOW_SERVICE: 'collector', COLLECTOR_HTTP_PORT: String(dead) })).toBe(1);
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(await healthcheck({ SIPFLOW_SERVICE: 'correlator', CORRELATOR_HTTP_PORT: String(dead) })).toBe(1);
  });

  it("accepts the portal's redirect to its login page", async () => {
    const port = await httpServer(() => 307);
    expect(await healthcheck({ SIPFLOW_SERVICE: 'web', PORT: String(port) })).toBe(0);
  });

  it("checks the API's gRPC port by a TCP accept", async () => {
    const server = createTcpServer((socket) => socket.end());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    expect(await healthcheck({ SIPFLOW_SERVICE: 'api', API_GRPC_ADDRESS: `0.0.0.0:${port}` })).toBe(0);
    server.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(await healthcheck({ SIPFLOW_SERVICE: 'api', API_GRPC_ADDRESS: `0.0.0.0:${port}` })).toBe(1);
    expect(await healthcheck({ SIPFLOW_SERVICE: 'nonsense' })).toBe(1);
  });
});
