'use strict';
// One benchmark contender in its own process (see run-bench.ts).
require('@sipflow/platform/register');
require('./child.ts');
