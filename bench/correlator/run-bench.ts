import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Measurement } from './child';
import { endToEnd } from './end-to-end';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function child(task: string, args: object): Measurement {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', join(__dirname, 'child.cjs'), task, JSON.stringify(args)],
    {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    },
  );
  if (result.status !== 0) throw new Error(`${task} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Measurement;
}

/**
 * Correlation throughput on one core (parsing included), next to parsing alone on the same records
 * in the same run; bytes of state per quiet, answered dialog; and end to end through Kafka and the
 * embedded ClickHouse engine.
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      calls: { type: 'string', default: '3000' },
      fleets: { type: 'string', default: '100' },
      runs: { type: 'string', default: '5' },
      'skip-e2e': { type: 'boolean', default: false },
      'e2e-calls': { type: 'string', default: '1500' },
    },
  });
  const calls = Number(values.calls);
  const runs = Number(values.runs);
  const fleets = Number(values.fleets);
  console.log(
    `sipflow correlator benchmark — ${calls} seed-call copies (${calls * 72} records, 100 call attempts/s), ${runs} runs each, medians`,
  );
  const parse: Measurement[] = [];
  const fleet: Measurement[] = [];
  const single: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    parse.push(child('parse', { calls, fleets }));
    fleet.push(child('correlate', { calls, fleets }));
    single.push(child('correlate', { calls: Math.min(calls, 1000), fleets: 1 }));
    process.stdout.write('.');
  }
  const memory = child('memory', { calls: Math.min(calls, 5000), fleets }) as Measurement & {
    stage1CallIds: number;
    stage2Legs: number;
  };
  console.log('\n');
  const p = median(parse.map((m) => m.perSecond));
  const f = median(fleet.map((m) => m.perSecond));
  const o = median(single.map((m) => m.perSecond));
  console.log('| measurement | median | note |');
  console.log('| --- | --- | --- |');
  console.log(
    `| parse only (floor) | ${Math.round(p).toLocaleString('en')} msg/s | @sipflow/sip parseSipMessage on the same records |`,
  );
  console.log(
    `| correlation, one core, ${fleets} device groups | ${Math.round(f).toLocaleString('en')} msg/s | parse + legs + links + findings + calls; ${(f / p).toFixed(2)}× the parse floor; ${fleet[0]!.calls} calls |`,
  );
  console.log(
    `| correlation, one core, all calls through one group | ${Math.round(o).toLocaleString('en')} msg/s | worst case: 100 calls/s through the same 9 devices; ${single[0]!.calls} calls |`,
  );
  console.log(
    `| state per quiet answered dialog | ${memory.bytesPerDialog!.toLocaleString('en')} bytes | ${memory.dialogs} dialogs up; stage 1 holds ${memory.stage1CallIds} Call-IDs, call assembly ${memory.stage2Legs} legs; heap after GC |`,
  );
  if (!values['skip-e2e']) {
    const e2e = await endToEnd(Number(values['e2e-calls']));
    console.log(
      `| Kafka → correlator → ClickHouse (chDB) | ${Math.round(e2e.perSecond).toLocaleString('en')} msg/s | ${e2e.messages} records drained in ${e2e.seconds.toFixed(1)} s, ${e2e.calls} calls stored, Kafka ${e2e.kafka} |`,
    );
  }
}
