#!/usr/bin/env node
'use strict';
// Correlator benchmarks: node bench/correlator/run.cjs [--calls N] [--runs R] [--skip-e2e]
// See bench/README.md. TypeScript is loaded through the repository's SWC loader.
require('@sipflow/platform/register');
require('./run-bench.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
