#!/usr/bin/env node
'use strict';
// The gRPC API as its own process: `node services/api/bin/api.cjs` (configuration from the environment).
require('@sipflow/platform/register');
require('../src/main.ts')
  .main()
  .catch((error) => {
    process.stderr.write(`api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
