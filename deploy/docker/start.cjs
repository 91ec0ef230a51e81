#!/usr/bin/env node
'use strict';
// Container entry point: starts the service the image was built for (SIPFLOW_SERVICE, set from the
// SERVICE build argument), in this process so signals reach it directly (no shell in between).
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** Service → the bin it runs (the portal's serves the production build of web/ made at image build). */
const entries = {
  collector: { bin: 'services/collector/bin/collector.cjs' },
  correlator: { bin: 'services/correlator/bin/correlator.cjs' },
  api: { bin: 'services/api/bin/api.cjs' },
  web: { bin: 'services/portal/bin/portal.cjs' },
};

function entryFor(service) {
  const entry = entries[service];
  if (!entry) {
    throw new Error(
      `SIPFLOW_SERVICE must be one of ${Object.keys(entries).join(', ')} (got ${JSON.stringify(service)})`,
    );
  }
  return entry;
}

if (require.main === module) {
  try {
    const entry = entryFor(process.env.SIPFLOW_SERVICE);
    process.argv = [process.argv[0], path.join(root, entry.bin)];
    process.chdir(root);
    require(path.join(root, entry.bin));
  } catch (error) {
    process.stderr.write(`sipflow container: ${error && error.message ? error.message : String(error)}\n`);
    process.exit(64);
  }
}

module.exports = { entries, entryFor };
