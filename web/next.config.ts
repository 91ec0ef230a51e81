import type { NextConfig } from 'next';

const config: NextConfig = {
  // The portal talks to the API over gRPC from the server only; keep grpc-js out of bundling.
  serverExternalPackages: ['@grpc/grpc-js'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
