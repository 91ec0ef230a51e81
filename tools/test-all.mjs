#!/usr/bin/env node
// `npm test`: every project's unit and integration tests through Nx (code generation first),
// against one Kafka for the whole run, then one closing summary line with the counts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'dist', 'test-results');
const extraArgs = process.argv.slice(2);

function startKafka() {
  if (process.env.KAFKA_BROKERS) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'sipflow-kafka-'));
  const started = spawnSync(process.execPath, [join(root, 'deploy/local/kafka.cjs'), 'start', '--dir', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const brokers = /KAFKA_BROKERS=(\S+)/.exec(started.stdout ?? '')?.[1];
  if (started.status !== 0 || !brokers) {
    console.error(`could not start a local Kafka for the tests (exit ${started.status}); set KAFKA_BROKERS to use one`);
    process.exit(1);
  }
  process.env.KAFKA_BROKERS = brokers;
  console.log(`test Kafka: ${brokers} (deploy/local launcher, ${dir})`);
  return dir;
}

function stopKafka(dir) {
  if (!dir) return;
  spawnSync(process.execPath, [join(root, 'deploy/local/kafka.cjs'), 'stop', '--dir', dir], { stdio: 'inherit' });
  rmSync(dir, { recursive: true, force: true });
}

function summarise() {
  const files = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : [];
  const total = { passed: 0, failed: 0, skipped: 0, files: 0, projects: new Set() };
  for (const file of files) {
    const report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
    total.passed += report.numPassedTests;
    // A file that failed to load counts as a failure even though it ran no test.
    total.failed +=
      report.numFailedTests +
      report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
    total.skipped += report.numPendingTests + report.numTodoTests;
    total.files += report.testResults.length;
    total.projects.add(file.replace(/\.test(-integration)?\.json$/, ''));
  }
  return { ...total, reports: files.length };
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const kafkaDir = startKafka();
const started = Date.now();
const nx = spawn(
  join(root, 'node_modules', '.bin', 'nx'),
  ['run-many', '-t', 'test', 'test-integration', '--outputStyle=stream', ...extraArgs],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
);
const code = await new Promise((done) => nx.on('exit', (c, signal) => done(c ?? (signal ? 1 : 0))));
stopKafka(kafkaDir);
const s = summarise();
const minutes = ((Date.now() - started) / 60000).toFixed(1);
const verdict = code === 0 && s.failed === 0 ? 'PASS' : 'FAIL';
console.log(
  `\nsipflow tests ${verdict}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped ` +
    `(${s.files} test files, ${s.reports} test targets in ${s.projects.size} projects, ${minutes} min)`,
);
process.exit(code === 0 && s.failed === 0 ? 0 : 1);
