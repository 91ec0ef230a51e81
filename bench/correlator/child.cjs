'use strict';
// One measurement in a fresh process (own heap, own JIT state): node --expose-gc child.cjs <task> <json args>
require('@sipflow/platform/register');
require('./child.ts')
  .run(process.argv[2], JSON.parse(process.argv[3] ?? '{}'))
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
