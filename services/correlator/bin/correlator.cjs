#!/usr/bin/env node
'use strict';
// The correlator as its own process: `node services/correlator/bin/correlator.cjs` (configuration from the environment).
require('@sipflow/platform/register');
require('../src/main.ts')
  .main()
  .catch((error) => {
    process.stderr.write(`correlator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
