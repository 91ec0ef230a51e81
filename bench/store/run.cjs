#!/usr/bin/env node
'use strict';
// Store benchmark: node bench/store/run.cjs [--calls N] [--queries Q]. See bench/README.md.
require('@sipflow/platform/register');
require('./store.bench.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
