import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const config: NextConfig = {
  // The workspace's libraries are TypeScript sources outside web/: compile them with the app.
  transpilePackages: ['@sipflow/proto', '@sipflow/platform', '@sipflow/sip'],
  // Node-side packages the server requires at run time instead of bundling: grpc-js (the API
  // client), pino (the logger), and what the generated proto code imports for the NestJS side.
  serverExternalPackages: ['@grpc/grpc-js', 'pino', '@nestjs/microservices', '@nestjs/common'],
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
  reactStrictMode: true,
  // `nx build web` type-checks; the build `sipflow start` makes on first start skips that to be quick.
  typescript: { ignoreBuildErrors: process.env.SIPFLOW_PORTAL_SKIP_TYPECHECK === '1' },
};

export default config;
