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

  it('is stable for the same sources and changes when a file changes, appears or the build output changes not', () => {
    const paths = ['src', 'next.config.ts', 'missing-dir'];
    const first = sourceStamp(root, paths);
    expect(sourceStamp(root, paths)).toBe(first);
    mkdirSync(join(root, 'src/.next'));
    writeFileSync(join(root, 'src/.next/BUILD_ID'), 'x');
    expect(sourceStamp(root, paths)).toBe(first);
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src/app/page.tsx'), later, later);
    const touched = sourceStamp(root, paths);
    expect(touched).not.toBe(first);
    writeFileSync(join(root, 'src/app/layout.tsx'), 'export default 2');
    expect(sourceStamp(root, paths)).not.toBe(touched);
  });
});
