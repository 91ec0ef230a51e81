import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sourceStamp } from './source-stamp';

/** Where the portal's sources are: web/ and the workspace code and contract it compiles in. */
export function portalSources(webDir: string): { root: string; paths: string[] } {
  const root = dirname(webDir);
  return {
    root,
    paths: [
      'web/src',
      'web/next.config.ts',
      'web/package.json',
      'proto/sipflow',
      'libs/platform/src',
      'libs/sip/src',
      'package-lock.json',
    ],
  };
}

const STAMP = 'sipflow-source-stamp';

/** Whether `web/.next` holds a production build of the current sources. */
export function portalBuildIsCurrent(webDir: string): boolean {
  const stampFile = join(webDir, '.next', STAMP);
  if (!existsSync(join(webDir, '.next', 'BUILD_ID')) || !existsSync(stampFile)) return false;
  const { root, paths } = portalSources(webDir);
  return readFileSync(stampFile, 'utf8') === sourceStamp(root, paths);
}

export interface BuildOptions {
  /** Gives up after this long (a build on a busy 2-core machine takes about a minute). */
  timeoutMs?: number;
  /** One line per step Next.js reports ("Compiled successfully", "Generating static pages"…). */
  progress?: (line: string) => void;
  /** Type-check as part of the build (`nx build web`); a start skips it to be quick. */
  typecheck?: boolean;
}

/**
 * `next build` of the portal in a child process, bounded in time, then the source stamp written so
 * the next start serves it without building again.
 */
export async function buildPortal(webDir: string, options: BuildOptions = {}): Promise<void> {
  const { root, paths } = portalSources(webDir);
  const stamp = sourceStamp(root, paths);
  const nextBin = require.resolve('next/dist/bin/next');
  const timeoutMs = options.timeoutMs ?? 600_000;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build', webDir], {
      cwd: root,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        SIPFLOW_PORTAL_SKIP_TYPECHECK: options.typecheck ? '0' : '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        const text = line.trim();
        if (!text) continue;
        tail.push(text);
        if (tail.length > 40) tail.shift();
        if (/^(✓|Creating|Compiled|Running TypeScript|Generating|Finalizing)/.test(text)) options.progress?.(text);
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`next build did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`next build failed (${signal ?? `exit ${code}`}):\n${tail.join('\n')}`));
    });
  });
  writeFileSync(join(webDir, '.next', STAMP), stamp);
}
