#!/usr/bin/env node
'use strict';
// Portal benchmark: node bench/portal/run.cjs [--info 225] [--calls 1000] [--runs 5]
// See bench/README.md. TypeScript is loaded through the repository's SWC loader.
require('@sipflow/platform/register');
require('./run-bench.ts')
  .main(process.argv.slice(2))
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
