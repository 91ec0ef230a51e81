import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceStamp } from './source-stamp';

describe('sourceStamp', () => {
  const root = mkdtempSync(join(tmpdir(), 'sipflow-stamp-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'src/app'), { recursive: true });
  writeFileSync(join(root, 'src/app/page.tsx'), 'export default 1');
  writeFileSync(join(root, 'next.config.ts'), '{}');

  it('changes when a file changes or appears, not when only its time or the build output does', () => {
    const paths = ['src', 'next.config.ts', 'missing-dir'];
    const first = sourceStamp(root, paths);
    expect(sourceStamp(root, paths)).toBe(first);
    mkdirSync(join(root, 'src/.next'));
    writeFileSync(join(root, 'src/.next/BUILD_ID'), 'x');
    expect(sourceStamp(root, paths)).toBe(first);
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src/app/page.tsx'), later, later);
    expect(sourceStamp(root, paths)).toBe(first);
    writeFileSync(join(root, 'src/app/page.tsx'), 'export default 3');
    const touched = sourceStamp(root, paths);
    expect(touched).not.toBe(first);
    writeFileSync(join(root, 'src/app/layout.tsx'), 'export default 2');
    expect(sourceStamp(root, paths)).not.toBe(touched);
  });
});
