import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SipflowError } from '@sipflow/platform';

/** Raised when another live process holds the embedded data directory (chDB binds one per process). */
export class DataDirLockedError extends SipflowError {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; command: string; since: string },
  ) {
    super(
      `data directory ${dir} is in use by pid ${holder.pid} (${holder.command}, since ${holder.since}); ` +
        'stop it, or query it through its API (--api HOST:PORT)',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded data directory for this process: a lock file naming the holder, refused while
 * another live process holds it, taken over from a holder that died without releasing it.
 */
export function lockDataDir(dir: string, command: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'sipflow.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }), {
        flag: 'wx',
      });
      return () => {
        try {
          const holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
          if (holder.pid === process.pid) rmSync(file, { force: true });
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid: number; command: string; since: string } | undefined;
      try {
        holder = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        holder = undefined;
      }
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirLockedError(dir, holder);
      if (existsSync(file)) rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
