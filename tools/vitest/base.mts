import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import type { UserConfig } from 'vitest/config';

export const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * One runner for the whole repo. SWC (not esbuild) compiles TypeScript so that NestJS keeps the
 * decorator metadata its dependency injection reads (`design:paramtypes`), exactly as the
 * runtime loader (libs/platform/register.cjs) does from the same .swcrc settings.
 */
export function baseConfig(include: string[], overrides: NonNullable<UserConfig['test']> = {}): UserConfig {
  return {
    root: workspaceRoot,
    plugins: [swc.vite({ module: { type: 'es6' } })],
    test: {
      include,
      exclude: ['**/node_modules/**', '**/dist/**', 'web/.next/**'],
      reporters: ['default'],
      environment: 'node',
      ...overrides,
    },
  };
}
