#!/usr/bin/env node
'use strict';
// API benchmark: node bench/api/run.cjs [--messages 1000000] [--requests 100] [--data DIR]
// See bench/README.md. TypeScript is loaded through the repository's SWC loader.
require('@sipflow/platform/register');
require('./run-bench.ts')
  .main(process.argv.slice(2))
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
