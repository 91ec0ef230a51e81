#!/usr/bin/env node
'use strict';
// HEALTHCHECK of the sipflow images: exit 0 when the service in this container answers its
// liveness check, 1 otherwise. Node only (the slim image has no curl/wget).
const http = require('node:http');
const net = require('node:net');

const TIMEOUT_MS = 4000;

/** Where each service answers: HTTP /livez for collector and correlator, the portal's page, the API's gRPC port. */
function checkFor(service, env) {
  switch (service) {
    case 'collector':
      return { kind: 'http', port: Number(env.COLLECTOR_HTTP_PORT || 9464), path: '/livez' };
    case 'correlator':
      return { kind: 'http', port: Number(env.CORRELATOR_HTTP_PORT || 9466), path: '/livez' };
    case 'web':
      return { kind: 'http', port: Number(env.PORT || 3000), path: '/' };
    case 'api': {
      // gRPC (HTTP/2) has no plain-HTTP liveness path: a TCP accept on the listening port.
      const address = env.API_GRPC_ADDRESS || '127.0.0.1:50051';
      return { kind: 'tcp', port: Number(address.slice(address.lastIndexOf(':') + 1)) };
    }
    default:
      throw new Error(`unknown SIPFLOW_SERVICE ${JSON.stringify(service)}`);
  }
}

function probe(check, host = '127.0.0.1') {
  return new Promise((resolve) => {
    if (check.kind === 'tcp') {
      const socket = net.connect({ host, port: check.port, timeout: TIMEOUT_MS });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('timeout', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(false));
      return;
    }
    const request = http.get({ host, port: check.port, path: check.path, timeout: TIMEOUT_MS }, (response) => {
      response.resume();
      // The portal answers / with a redirect to its login page: any status below 500 is alive.
      resolve(response.statusCode !== undefined && response.statusCode < (check.path === '/' ? 500 : 300));
    });
    request.once('timeout', () => (request.destroy(), resolve(false)));
    request.once('error', () => resolve(false));
  });
}

if (require.main === module) {
  let check;
  try {
    check = checkFor(process.env.SIPFLOW_SERVICE, process.env);
  } catch (error) {
    process.stderr.write(`healthcheck: ${error.message}\n`);
    process.exit(1);
  }
  probe(check).then((ok) => process.exit(ok ? 0 : 1));
}

module.exports = { checkFor, probe };
