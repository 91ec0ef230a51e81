import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sipflow-lock-'));
  afterEach(() => rmSync(join(dir, 'sipflow.lock'), { force: true }));

  it('records the holder and releases on request', () => {
    const release = lockDataDir(dir, 'sipflow start');
    expect(JSON.parse(readFileSync(join(dir, 'sipflow.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'sipflow start',
    });
    release();
    expect(() => readFileSync(join(dir, 'sipflow.lock'))).toThrow();
  });

  it('refuses a directory held by another live process, naming it', () => {
    writeFileSync(
      join(dir, 'sipflow.lock'),
      JSON.stringify({ pid: process.ppid, command: 'sipflow start', since: 'x' }),
    );
    expect(() => lockDataDir(dir, 'sipflow calls')).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, 'sipflow calls')).toThrow(`pid ${process.ppid} (sipflow start`);
  });

  it('takes over a lock whose holder died', () => {
    writeFileSync(join(dir, 'sipflow.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'gone', since: 'x' }));
    const release = lockDataDir(dir, 'sipflow start');
    expect(JSON.parse(readFileSync(join(dir, 'sipflow.lock'), 'utf8')).pid).toBe(process.pid);
    release();
  });
});
