import {
  CallAssembler,
  CallIdCorrelator,
  Correlator,
  DEFAULT_CORRELATOR_OPTIONS,
  RecordObserver,
  type LegUpdate,
} from '@sipflow/correlation';
import { parseSipMessage, type SipRecord } from '@sipflow/sip';
import { seedCallCopies, seedCallDevices } from '@sipflow/testing';

export interface Measurement {
  task: string;
  messages: number;
  seconds: number;
  perSecond: number;
  calls?: number;
  bytesPerDialog?: number;
  dialogs?: number;
}

const START = Date.UTC(2026, 10, 20, 9) * 1000;

/**
 * Seed-call copies 10 ms apart (100 call attempts per second, each lasting 95 s: ~9,500 calls up at
 * once), spread over a fleet of call-server groups, or all through one group (the worst case).
 */
function traffic(calls: number, fleets: number): SipRecord[] {
  return seedCallCopies(calls, { startAtUs: START, spacingUs: 10_000, fleets }).sort(
    (a, b) => a.captureTimeUs - b.captureTimeUs,
  );
}

function correlateAll(records: SipRecord[], batch: number): { calls: number } {
  const correlator = new Correlator({ evictClosed: true }, seedCallDevices());
  const calls = new Set<string>();
  for (let i = 0; i < records.length; i += batch) {
    correlator.add(records.slice(i, i + batch));
    for (const c of correlator.flush().calls) calls.add(c.id);
  }
  for (const c of correlator.flushAll().calls) calls.add(c.id);
  return { calls: calls.size };
}

export async function run(task: string, args: { calls: number; fleets: number; batch?: number }): Promise<Measurement> {
  if (task === 'parse') {
    const records = traffic(args.calls, args.fleets);
    for (const r of records.slice(0, 5000)) parseSipMessage(r.raw);
    const t0 = process.hrtime.bigint();
    for (const r of records) parseSipMessage(r.raw);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { task, messages: records.length, seconds, perSecond: records.length / seconds };
  }
  if (task === 'correlate') {
    const records = traffic(args.calls, args.fleets);
    correlateAll(traffic(Math.min(200, args.calls), args.fleets), 1000); // warm-up
    const t0 = process.hrtime.bigint();
    const { calls } = correlateAll(records, args.batch ?? 5000);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { task, messages: records.length, seconds, perSecond: records.length / seconds, calls };
  }
  if (task === 'memory') {
    // Calls that are up and quiet: everything up to the answer and the recordings, no BYE. The
    // correlator is set up as the service runs it: a settled Call-ID leaves stage 1 after 30 s of
    // quiet (its observations are in the store), its legs stay in call assembly.
    const all = traffic(args.calls, args.fleets);
    const quietAfter = 9_000_000; // answered at 8.4 s, recordings up by 9.1 s
    const up = all.filter((r) => {
      const copy = Number(r.callId.slice(r.callId.lastIndexOf('~') + 1));
      return r.captureTimeUs - (START + copy * 10_000) < quietAfter;
    });
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc');
    const options = { ...DEFAULT_CORRELATOR_OPTIONS, evictQuietUs: 30_000_000 };
    const observer = new RecordObserver(options, seedCallDevices());
    const stage1 = new CallIdCorrelator(options);
    const stage2 = new CallAssembler(options);
    const apply = (out: { updates: LegUpdate[]; removed: string[] }) => {
      for (const id of out.removed) stage2.remove(id);
      for (const u of out.updates) stage2.upsert(u);
      stage2.flush();
    };
    gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    let last = 0;
    for (let i = 0; i < up.length; i += 1000) {
      for (const r of up.slice(i, i + 1000)) {
        const observed = observer.observe(r);
        if (observed.ok) stage1.add(observed.facts);
        last = Math.max(last, r.captureTimeUs);
      }
      apply(stage1.flushChanged(last));
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    apply(stage1.flush(last + 31_000_000));
    gc();
    const after = process.memoryUsage().heapUsed;
    const dialogs = args.calls * 5; // per call: carrier→B, B→C, C→home and the two recordings are up
    return {
      task,
      messages: up.length,
      seconds,
      perSecond: up.length / seconds,
      dialogs,
      bytesPerDialog: Math.round((after - before) / dialogs),
      stage1CallIds: stage1.activeCallIds,
      stage2Legs: stage2.legCount,
    } as Measurement;
  }
  throw new Error(`unknown task ${task}`);
}
