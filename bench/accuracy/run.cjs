#!/usr/bin/env node
'use strict';
// Grouping accuracy on generated traffic: node bench/accuracy/run.cjs [--calls N] [--rate R]
// SIPp calls through real Kamailio proxies (Debian: sip-tester, kamailio). See bench/README.md.
require('@sipflow/platform/register');
require('./run-accuracy.ts')
  .main(process.argv.slice(2))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
