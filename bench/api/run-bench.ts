import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { status } from '@grpc/grpc-js';
import { startApiServer } from '@sipflow/api';
import { createLogger } from '@sipflow/platform';
import { openStoreConnection, SipStore } from '@sipflow/store';
import { makeTempDir } from '@sipflow/testing';
import { rpcClient } from '@sipflow/testing';
import { generateStore } from './generate-store';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function sequential(times: number, run: () => Promise<unknown>): Promise<{ wall: number[]; cpu: number[] }> {
  await run();
  const out = { wall: [] as number[], cpu: [] as number[] };
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await run();
    out.wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    out.cpu.push((used.user + used.system) / 1000);
  }
  return out;
}

/**
 * API latency through a real gRPC client over a real socket, on a chDB store filled with seed-call
 * shaped calls (72 messages each) over 24 h: GetCallFlow, SearchCalls by number, ResponseCodeRates
 * over 24 h, KPIs over 24 h. Each figure is the distribution over `--requests` sequential requests.
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '1000000' },
      requests: { type: 'string', default: '100' },
      data: { type: 'string' },
    },
  });
  const copies = Math.ceil(Number(values.messages) / 72);
  const requests = Number(values.requests);
  const dir = values.data ? { path: values.data, remove: () => {} } : makeTempDir('sipflow-bench-api-');
  const connection = await openStoreConnection({
    CLICKHOUSE_URL: process.env.CLICKHOUSE_URL,
    CLICKHOUSE_USER: process.env.CLICKHOUSE_USER ?? 'default',
    CLICKHOUSE_PASSWORD: process.env.CLICKHOUSE_PASSWORD ?? '',
    CLICKHOUSE_DATABASE: 'sipflow_bench_api',
    SIPFLOW_DATA_DIR: dir.path,
  });
  const store = new SipStore(connection);
  const retention = { messagesDays: 7, aggregatesDays: 90, auditDays: 365 };
  await store.migrate(retention);
  const existing = await store.searchCalls({ limit: 1 });
  console.log(
    `sipflow API benchmark — ${copies.toLocaleString('en')} calls × 72 messages over 24 h, chDB, ${requests} requests each`,
  );
  let callers: string[];
  if (existing.length === 0) {
    const generated = await generateStore(store, copies);
    console.log(
      `store: ${generated.messages.toLocaleString('en')} messages, ${generated.calls.toLocaleString('en')} calls, written in ${generated.seconds.toFixed(0)} s`,
    );
    callers = generated.callers;
  } else {
    console.log('store: reusing the data in --data');
    callers = Array.from(
      { length: 50 },
      (_, i) => `+4416329${String((i * 997) % Math.min(copies, 100_000)).padStart(5, '0')}`,
    );
  }
  const server = await startApiServer({
    store,
    logger: createLogger({ level: 'warn', service: 'bench-api' }),
    address: '127.0.0.1:0',
    settings: { tokenTtlSeconds: 900, sessionTtlHours: 1, plan: { countryCode: '44' }, retention, watchPollMs: 1000 },
    tokenSecret: new TextEncoder().encode('bench-secret-of-at-least-thirty-two-bytes'),
    rateLimitPerMinute: 1_000_000,
  });
  const address = `127.0.0.1:${server.port}`;
  const password = 'Tr0ub4dor-and-a-long-phrase';
  await server.accounts
    .createUser({ username: 'bench', displayName: 'bench', roles: ['engineer'], scopes: {}, password })
    .catch(() => {});
  const auth = rpcClient(address, 'AuthService');
  const calls = rpcClient(address, 'CallService');
  const stats = rpcClient(address, 'StatsService');
  const token = (await auth.unary<{ session: { accessToken: string } }>('login', { username: 'bench', password }))
    .session.accessToken;
  const sample = await store.searchCalls({ limit: 500 });
  const ids = sample.map((c) => c.id).sort(() => Math.random() - 0.5);

  // Interleaved: one request of each kind per round, so all kinds see the same machine load.
  const kinds: Record<string, (i: number) => Promise<unknown>> = {
    flow: (i) => calls.unary('getCallFlow', { callId: ids[i % ids.length] }, token),
    search: (i) => calls.unary('searchCalls', { filter: { number: callers[i % callers.length] }, pageSize: 50 }, token),
    suffix: (i) =>
      calls.unary('searchCalls', { filter: { number: callers[i % callers.length]!.slice(-6), numberMatch: 3 } }, token),
    page: () => calls.unary('searchCalls', { pageSize: 50 }, token),
    // The store alone, same calls: what the API adds on top (ladder, redaction, audit, gRPC).
    direct: async (i) => {
      const call = (await store.getCall(ids[(i + 1) % ids.length]!))!;
      await store.messagesOf(call.sipCallIds, call.start - 60_000_000, call.end + 60_000_000);
    },
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const load = [loadavg()[0]!];
  for (const run of Object.values(kinds)) await run(0); // warm-up
  for (let i = 0; i < requests; i++) {
    for (const [kind, run] of Object.entries(kinds)) {
      const t = performance.now();
      const c = process.cpuUsage();
      await run(i);
      times[kind]!.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu[kind]!.push((used.user + used.system) / 1000);
    }
  }
  // The 24 h aggregations scan the whole day: measured after, so they do not disturb the others.
  const rates = await sequential(Math.max(5, requests / 5), () =>
    stats.unary('responseCodeRates', { groupBy: [1, 2] }, token),
  );
  const kpis = await sequential(Math.max(5, requests / 10), () => stats.unary('kpis', {}, token));
  load.push(loadavg()[0]!);
  const { flow, search, suffix, page, direct } = times as Record<string, number[]>;
  console.log(`machine: ${cpus().length} cores, 1-min load average ${load.map((l) => l.toFixed(1)).join(' → ')}`);
  const row = (name: string, values: number[], cpuMs: number[], goal: string) =>
    console.log(
      `| ${name} | ${percentile(values, 50).toFixed(1)} | ${percentile(values, 95).toFixed(1)} | ${percentile(values, 99).toFixed(1)} | ${percentile(cpuMs, 50).toFixed(1)} | ${goal} |`,
    );
  console.log(
    '\nwall-clock latency through the gRPC client; CPU = median CPU time per request of this one process (client, API and chDB), which machine load does not inflate\n',
  );
  console.log('| request | p50 ms | p95 ms | p99 ms | CPU ms (p50) | goal (p50) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  row('GetCallFlow (8 legs, 72 messages)', flow!, cpu.flow!, '≤ 50 ms');
  row('  of which the store reads (getCall + messagesOf)', direct!, cpu.direct!, '');
  row('SearchCalls by number (exact)', search!, cpu.search!, '≤ 300 ms');
  row('SearchCalls by number suffix (6 digits)', suffix!, cpu.suffix!, '');
  row('SearchCalls newest 50, no filter', page!, cpu.page!, '');
  row('ResponseCodeRates 24 h by device and code', rates.wall, rates.cpu, '≤ 500 ms');
  row('Kpis 24 h', kpis.wall, kpis.cpu, '');
  const denied = await calls.unary('getCallFlow', { callId: ids[0] }).catch((e: { code: number }) => e.code);
  if (denied !== status.UNAUTHENTICATED) throw new Error('the API answered without a token');
  await server.close();
  await connection.close();
  dir.remove();
}
