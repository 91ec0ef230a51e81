import { defineConfig } from 'vitest/config';
import { baseConfig } from './base.mts';

// Unit tests live beside the code: no network, no disk outside a temp dir, no sleeps.
export default defineConfig(baseConfig(['**/src/**/*.test.ts', '**/src/**/*.test.tsx'], { testTimeout: 20_000 }));
