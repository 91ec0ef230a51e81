#!/usr/bin/env node
'use strict';
// Parser benchmark: node bench/parse/run.cjs [--messages N] [--runs R]
// See bench/README.md. TypeScript is loaded through the repository's SWC loader.
require('@sipflow/platform/register');
require('./run-bench.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
