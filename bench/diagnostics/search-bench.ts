import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Correlator } from '@sipflow/correlation';
import { numberMatcher } from '@sipflow/sip';
import { buildSearchCalls, HoldStore, openStoreConnection, SipStore } from '@sipflow/store';
import { makeTempDir, samplePath, seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';

/**
 * The seed call (samples/seed-call) as call `i`: every SIP Call-ID and the caller's subscriber
 * digits (960123) changed in place, same lengths, so the syslog octet counts stay right.
 */
function seedCallNumber(i: number, startAtUs: number) {
  let text = readFileSync(samplePath('seed-call', 'seed-call.syslog'), 'latin1');
  const tag = i.toString(36).padStart(4, '0');
  for (const { callId } of seedCallExpectation().legs) {
    const [local, host] = callId.split('@') as [string, string | undefined];
    text = text.split(callId).join(`${local.slice(0, -4)}${tag}${host ? `@${host}` : ''}`);
  }
  text = text.split('960123').join(String(i).padStart(6, '0'));
  return seedCallRecords({ startAtUs, bytes: Buffer.from(text, 'latin1') });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

function arg(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

/**
 * Search by a number as people type it, on the embedded engine: the median latency of the store's
 * search while a hold is in force (live calls and the holds' copies) and once none is (the store
 * skips the copies), against the live table alone (the peer, the same SQL without the held union), for a full number in national form (exact over the index of
 * forms) and its last digits (suffix over reversed keys); and the in-memory live filter's rate.
 */
export async function main(argv: string[]): Promise<void> {
  const calls = arg(argv, '--calls', 300);
  const runs = arg(argv, '--runs', 21);
  const dir = makeTempDir('sipflow-bench-search-');
  const connection = await openStoreConnection({
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'sipflow',
    SIPFLOW_DATA_DIR: dir.path,
  });
  try {
    const store = new SipStore(connection);
    await store.migrate({ messagesDays: 7, aggregatesDays: 90, auditDays: 365 });
    const now = Date.now() * 1000;
    for (let i = 0; i < calls; i++) {
      const correlator = new Correlator({}, seedCallDevices());
      const { accepted } = correlator.add(seedCallNumber(i, now - 86_400_000_000 + i * 60_000_000));
      await store.write({ messages: accepted, ...correlator.flushAll() });
    }
    // One call on hold, so the held tables are not empty.
    const [first] = await store.searchCalls({ limit: 1 });
    const actor = { subject: 'bench', roles: [], peer: 'bench' };
    const holds = new HoldStore(store);
    await holds.hold(
      (await store.getCall(first!.id))!,
      { id: 'bench', reason: 'bench', expires: Date.now() + 86_400_000 },
      actor,
    );
    const target = Math.floor(calls / 2);
    const national = `01632 ${String(target).padStart(6, '0')}`;
    const last = String(target).padStart(6, '0');
    const liveOnly = async (number: string) => {
      const { query, params } = buildSearchCalls(store.layout, { limit: 50, number }, 'GB', 'live');
      return (await store.client.query({ query, query_params: params, format: 'JSONEachRow' })).json();
    };
    const found = await store.searchCalls({ limit: 50, number: national });
    if (found.length !== 1) throw new Error(`expected one call for ${national}, found ${found.length}`);
    const searches = [
      ['full number, national form (exact over forms)', national],
      ['last 6 digits (suffix)', last],
    ] as const;
    const held: number[] = [];
    for (const [, number] of searches) held.push(await timed(runs, () => store.searchCalls({ limit: 50, number })));
    // With no hold anywhere the store reads the live table only (SipStore.hasHeldCopies).
    await holds.release('bench', actor);
    await store.hasHeldCopies(Date.now() + 60_000);
    const rows: [string, number, number, number][] = [];
    for (const [i, [label, number]] of searches.entries()) {
      const none = await timed(runs, () => store.searchCalls({ limit: 50, number }));
      const peer = await timed(runs, () => liveOnly(number));
      rows.push([label, held[i]!, none, peer]);
    }
    const matcher = numberMatcher(national, 'GB')!;
    const numbers = Array.from({ length: calls }, (_, i) => [
      `441632${String(i).padStart(6, '0')}`,
      '441632960999',
      '201',
    ]);
    const t = performance.now();
    let hits = 0;
    for (let k = 0; k < 20; k++) for (const n of numbers) if (matcher(n)) hits++;
    const perSecond = (20 * calls) / ((performance.now() - t) / 1000);
    console.log(`number search on chDB: ${calls} seed-call-shaped calls, median of ${runs} runs`);
    console.log('| search | store, a hold in force ms | store, no hold ms | live table only ms | held / none |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [label, h, n, p] of rows)
      console.log(`| ${label} | ${h.toFixed(2)} | ${n.toFixed(2)} | ${p.toFixed(2)} | ${(h / n).toFixed(2)} |`);
    console.log(
      `live filter (numberMatcher): ${Math.round(perSecond).toLocaleString('en')} calls/s (${hits / 20} hit per pass)`,
    );
  } finally {
    await connection.close();
    dir.remove();
  }
}
