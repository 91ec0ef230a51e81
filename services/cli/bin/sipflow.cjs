#!/usr/bin/env node
'use strict';
// The `sipflow` command. Runs the TypeScript sources through SWC (see libs/platform/register.cjs).
require('@sipflow/platform/register');
require('../src/main.ts')
  .main(process.argv)
  .then((code) => {
    if (typeof code === 'number') process.exitCode = code;
  });
