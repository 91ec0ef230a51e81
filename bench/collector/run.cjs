#!/usr/bin/env node
'use strict';
// On-demand benchmark of the collector (see bench/README.md):
//   node bench/collector/run.cjs [--rates 10000,20000,...] [--seconds 5] [--runs 3] [--targets syslog,hep,rsyslog]
require('@sipflow/platform/register');
require('./collector.bench.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    process.stderr.write(`bench/collector: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
