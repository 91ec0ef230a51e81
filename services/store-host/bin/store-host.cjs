#!/usr/bin/env node
'use strict';
// The store host as its own process: `node services/store-host/bin/store-host.cjs` (configuration from the environment).
require('@sipflow/platform/register');
require('../src/main.ts')
  .main()
  .catch((error) => {
    process.stderr.write(`store-host: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
