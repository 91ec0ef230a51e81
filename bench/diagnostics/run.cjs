#!/usr/bin/env node
'use strict';
// Number search benchmarks: node bench/diagnostics/run.cjs [--calls N] [--runs R]
// See bench/README.md. TypeScript is loaded through the repository's SWC loader.
require('@sipflow/platform/register');
require('./search-bench.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
