#!/usr/bin/env node
'use strict';
// `nx build web`: the production build of the portal (type-checked), stamped with its sources so
// `sipflow start` serves it without building again.
require('@sipflow/platform/register');
const { buildPortal } = require('../src/portal-build.ts');
const { defaultWebDir } = require('../src/portal-server.ts');

buildPortal(defaultWebDir(), { typecheck: true, progress: (line) => process.stdout.write(`${line}\n`) }).catch(
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
