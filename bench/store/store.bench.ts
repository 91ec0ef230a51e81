import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Correlator } from '@sipflow/correlation';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { seedCallCopies, seedCallDevices } from '@sipflow/testing';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)]!;

interface TableSize {
  table: string;
  rows: number;
  compressed: number;
  uncompressed: number;
}

/**
 * What one stored SIP message costs on disk after ClickHouse's compression, and how long the
 * portal's queries take: `--calls` copies of the seed call (72 FireBrick records each, 8 legs, 100
 * distinct fleets of devices, distinct numbers) correlated and written through SipStore into the
 * embedded engine (chDB: the same MergeTree storage and codecs as a ClickHouse server), merged
 * (OPTIMIZE FINAL), then measured from system.parts; then search by number, by device, by status
 * class, and one call's graph, each `--queries` times on the filled store (medians and p95).
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { calls: { type: 'string', default: '5000' }, queries: { type: 'string', default: '50' } },
  });
  const calls = Number(values.calls);
  const queries = Number(values.queries);
  const dataDir = mkdtempSync(join(tmpdir(), 'sipflow-bench-store-'));
  const connection = await openStoreConnection({
    CLICKHOUSE_USER: 'default',
    CLICKHOUSE_PASSWORD: '',
    CLICKHOUSE_DATABASE: 'sipflow',
    SIPFLOW_DATA_DIR: dataDir,
  });
  try {
    const store = new SipStore(connection);
    await store.migrate({ messagesDays: 7, aggregatesDays: 90, auditDays: 365 });
    const records = seedCallCopies(calls, {
      startAtUs: Date.now() * 1000 - 6 * 3600_000_000,
      spacingUs: 100_000,
      fleets: 100,
    });
    const rawBytes = records.reduce((sum, r) => sum + r.raw.byteLength, 0);
    console.log(
      `sipflow store benchmark — ${calls} calls, ${records.length} SIP messages (${(rawBytes / records.length).toFixed(0)} bytes of SIP each on average), embedded engine`,
    );
    const t0 = Date.now();
    const batch = 7200; // 100 calls per write, as a correlator writes
    for (let i = 0; i < records.length; i += batch) {
      const correlator = new Correlator({}, seedCallDevices());
      const { accepted } = correlator.add(records.slice(i, i + batch));
      const output = correlator.flushAll();
      await store.write({
        messages: accepted,
        legs: output.legs,
        removedLegs: output.removedLegs,
        calls: output.calls,
        removedCalls: output.removedCalls,
      });
    }
    const writeSeconds = (Date.now() - t0) / 1000;
    for (const table of ['sip_messages', 'sip_legs', 'sip_calls', 'sip_numbers']) await store.optimize(table);

    const sizes = await (
      await connection.client.query({
        query: `SELECT table, sum(rows) AS rows, sum(data_compressed_bytes) AS compressed,
                       sum(data_uncompressed_bytes) AS uncompressed
                FROM system.parts WHERE database = {db:String} AND active GROUP BY table ORDER BY table`,
        query_params: { db: 'sipflow' },
        format: 'JSONEachRow',
      })
    ).json<{ table: string; rows: string; compressed: string; uncompressed: string }>();
    const tables: TableSize[] = sizes.map((s) => ({
      table: s.table,
      rows: Number(s.rows),
      compressed: Number(s.compressed),
      uncompressed: Number(s.uncompressed),
    }));
    const messages = tables.find((t) => t.table === 'sip_messages')!;
    const all = tables.reduce((sum, t) => sum + t.compressed, 0);
    console.log(
      `\nwritten in ${writeSeconds.toFixed(1)} s (${(records.length / writeSeconds).toFixed(0)} messages/s incl. correlation)\n`,
    );
    console.log('| table | rows | compressed bytes | bytes/row | compression ratio |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const t of tables) {
      if (t.rows === 0) continue;
      console.log(
        `| ${t.table} | ${t.rows} | ${t.compressed} | ${(t.compressed / t.rows).toFixed(1)} | ${(t.uncompressed / Math.max(1, t.compressed)).toFixed(1)}× |`,
      );
    }
    console.log(
      `\nbytes on disk per stored SIP message: ${(messages.compressed / messages.rows).toFixed(1)} (sip_messages alone), ` +
        `${(all / messages.rows).toFixed(1)} (all tables: messages, legs, calls, numbers, roll-ups); ` +
        `raw SIP ${(rawBytes / records.length).toFixed(0)} bytes → ${(rawBytes / records.length / (messages.compressed / messages.rows)).toFixed(1)}× smaller`,
    );

    const timed = async (name: string, run: (i: number) => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < queries; i++) {
        const start = process.hrtime.bigint();
        await run(i);
        ms.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      console.log(`| ${name} | ${median(ms).toFixed(1)} | ${percentile(ms, 0.95).toFixed(1)} |`);
    };
    const found = await store.searchCalls({ limit: 50 });
    console.log(`\nqueries on ${calls} calls, ${queries} runs each (ms)\n`);
    console.log('| query | median | p95 |');
    console.log('| --- | ---: | ---: |');
    await timed('search: newest 50 calls', () => store.searchCalls({ limit: 50 }));
    await timed('search: by caller number (exact)', (i) =>
      store.searchCalls({ limit: 50, number: found[i % found.length]!.numbers[0] ?? '441632960123' }),
    );
    await timed('search: by number suffix', () =>
      store.searchCalls({ limit: 50, number: '960123', numberMatch: 'suffix' }),
    );
    await timed('search: by device', () => store.searchCalls({ limit: 50, device: 'rec-1@7' }));
    await timed('search: 4xx calls', () => store.searchCalls({ limit: 50, statusClass: 4 }));
    await timed('one call graph (getCall)', (i) => store.getCall(found[i % found.length]!.id));
  } finally {
    await connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
