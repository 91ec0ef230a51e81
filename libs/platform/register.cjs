'use strict';
/**
 * Runtime TypeScript loader for sipflow's own sources: compiles .ts files with SWC as they are
 * required, with the settings of the repository's .swcrc (legacy decorators + decorator metadata,
 * which NestJS dependency injection needs and esbuild-based loaders drop).
 *
 * Only files inside this repository and outside node_modules are compiled. Compiled output is
 * cached in memory per process; SWC compiles a typical file in well under a millisecond.
 */
const path = require('node:path');
const fs = require('node:fs');
const { addHook } = require('pirates');
const swc = require('@swc/core');

if (!globalThis.__sipflowRegistered) {
  globalThis.__sipflowRegistered = true;
  const root = path.resolve(__dirname, '..', '..');
  const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
  delete swcrc.$schema;
  process.setSourceMapsEnabled(true);
  addHook(
    (code, filename) =>
      swc.transformSync(code, { ...swcrc, filename, swcrc: false, configFile: false, sourceFileName: filename }).code,
    {
      exts: ['.ts', '.tsx'],
      ignoreNodeModules: false,
      matcher: (filename) => filename.startsWith(root) && !filename.includes(`${path.sep}node_modules${path.sep}`),
    },
  );
}
