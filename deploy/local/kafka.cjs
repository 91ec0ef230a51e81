#!/usr/bin/env node
'use strict';
// Local Apache Kafka (KRaft, one combined broker+controller) from Maven Central jars.
//   node deploy/local/kafka.cjs fetch                      download Kafka into ~/.cache/sipflow/kafka
//   node deploy/local/kafka.cjs start [--dir D] [--port P] start; prints KAFKA_BROKERS=host:port
//   node deploy/local/kafka.cjs stop  [--dir D]            stop the instance started in D, by PID
//   node deploy/local/kafka.cjs status [--dir D]
require('@sipflow/platform/register');
const { parseArgs } = require('node:util');
const launcher = require('./src/kafka-launcher.ts');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { dir: { type: 'string', default: '.kafka' }, port: { type: 'string', default: '0' } },
});
const command = positionals[0] ?? 'status';

(async () => {
  switch (command) {
    case 'fetch': {
      const { version, libDir } = launcher.ensureKafka();
      console.log(`Kafka ${version} in ${libDir}`);
      break;
    }
    case 'start': {
      const kafka = await launcher.startKafka({
        dir: values.dir,
        port: Number(values.port),
        log: (l) => console.error(l),
      });
      console.log(`KAFKA_BROKERS=${kafka.bootstrap}`);
      break;
    }
    case 'stop':
      console.log((await launcher.stopKafka(values.dir)) ? 'stopped' : 'not running');
      break;
    case 'status': {
      const running = launcher.readRunning(values.dir);
      console.log(running ? `running pid ${running.pid} on ${running.bootstrap}` : 'not running');
      process.exitCode = running ? 0 : 3;
      break;
    }
    default:
      console.error(`unknown command ${command}; use fetch, start, stop or status`);
      process.exitCode = 2;
  }
})().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
