#!/usr/bin/env node
'use strict';
// The portal as its own process: `node services/portal/bin/portal.cjs` (PORT, SIPFLOW_API_ADDRESS,
// SIPFLOW_SESSION_SECRET from the environment).
require('@sipflow/platform/register');
require('../src/main.ts')
  .main()
  .catch((error) => {
    process.stderr.write(`portal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
