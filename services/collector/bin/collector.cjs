#!/usr/bin/env node
'use strict';
// The standalone collector. Runs the TypeScript sources through SWC (libs/platform/register.cjs).
require('@sipflow/platform/register');
require('../src/main.ts')
  .main()
  .catch((error) => {
    process.stderr.write(`collector: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  });
