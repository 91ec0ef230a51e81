import { defineConfig } from 'vitest/config';
import { baseConfig } from './base.mts';

// Integration tests live in <project>/test/ and use real servers (Kafka, ClickHouse engine,
// gRPC sockets, a browser) through libs/testing. Files run one at a time: they share the
// machine's two cores with the servers they start.
export default defineConfig(
  baseConfig(['**/test/**/*.test.ts'], {
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    globalSetup: ['tools/vitest/integration.setup.mts'],
  }),
);
