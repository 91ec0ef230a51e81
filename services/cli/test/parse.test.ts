import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { corpusPath, listCorpus } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import type { ParseReport } from '../src/commands/parse.command';

// `sipflow parse` as a process over the RFC 4475 torture tests (corpus/SOURCES.md § rfc4475/).
const root = resolve(__dirname, '..', '..', '..');
const bin = join(root, 'services', 'cli', 'bin', 'sipflow.cjs');
const files = (dir: string) => listCorpus(`rfc4475/${dir}`).map((name) => corpusPath(`rfc4475/${dir}`, name));
const sipflow = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });

describe('sipflow parse (as a process)', () => {
  it('npx sipflow parse: every valid RFC 4475 message passes, exit code 0', () => {
    const result = spawnSync('npx', ['--no-install', 'sipflow', 'parse', ...files('valid')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.match(/: valid /g)).toHaveLength(13);
    expect(result.stdout).toContain('wsinv.dat: valid INVITE, Call-ID wsinv.ndaksdj@192.0.2.1');
  });

  it('the invalid set exits 1 and names each problem', () => {
    const result = sipflow('parse', ...files('invalid'));
    expect(result.status).toBe(1);
    expect(result.stdout.match(/: invalid: /g)).toHaveLength(19);
    expect(result.stdout).toMatch(/badvers\.dat: invalid: unsupported SIP version SIP\/7\.0/);
    expect(result.stdout).toMatch(/clerr\.dat: invalid: Content-Length 9999 is larger/);
    expect(result.stderr).toContain('19 of 19 files are not valid SIP messages');
  });

  it('semantic cases are valid with their issues listed; --json prints the report array', () => {
    const result = sipflow('parse', '--json', ...files('semantic'), corpusPath('rfc4475/invalid', 'bigcode.dat'));
    expect(result.status).toBe(1);
    const reports = JSON.parse(result.stdout) as ParseReport[];
    expect(reports).toHaveLength(18);
    const zeromf = reports.find((r) => r.file.endsWith('zeromf.dat'))!;
    expect(zeromf).toMatchObject({
      valid: true,
      reason: null,
      method: 'OPTIONS',
      callId: 'zeromf.jfasdlfnm2o2l43r5u0asdfas',
    });
    expect(zeromf.issues.map((i) => i.code)).toContain('max-forwards-zero');
    expect(reports.find((r) => r.file.endsWith('bcast.dat'))).toMatchObject({ valid: true, status: 200 });
    const bigcode = reports.find((r) => r.file.endsWith('bigcode.dat'))!;
    expect(bigcode.valid).toBe(false);
    expect(bigcode.reason).toMatch(/status code 4294967301/);
  });

  it('a missing file is reported as invalid, not a crash', () => {
    const result = sipflow('parse', join(root, 'no-such-file.sip'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('invalid: cannot read file: ENOENT');
  });
});
