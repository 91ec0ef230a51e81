import { EventEmitter } from 'node:events';
import {
  CallAssembler,
  CallIdCorrelator,
  DEFAULT_CORRELATOR_OPTIONS,
  RecordObserver,
  type CallGraph,
  type CorrelatorOptions,
  type LegUpdate,
  type ObservedRecord,
} from '@sipflow/correlation';
import {
  decodeSipRecord,
  encodeDeadLetter,
  MemoryBus,
  partitionForKey,
  type Bus,
  type IncomingBatch,
  type Subscription,
} from '@sipflow/bus';
import { retryOnDependencyUnavailable, type Logger } from '@sipflow/platform';
import type { DeviceDirectory, SipRecord } from '@sipflow/sip';
import { CorrectionStore, type SipStore } from '@sipflow/store';
import { randomUUID } from 'node:crypto';
import { decodeLegMessage, encodeLegMessage, type LegMessage } from './pipeline/leg-message.codec';
import { Serial } from './serial';

export interface CorrelatorSettings {
  groupId: string;
  rawTopic: string;
  legsTopic: string;
  deadLetterTopic: string;
  flushIntervalMs: number;
  options: Partial<CorrelatorOptions>;
  /**
   * 'wall': legs close and time out against the wall clock (live traffic); 'input': against the
   * latest capture time seen (imports of old files, replayed tests).
   */
  clock: 'wall' | 'input';
  /** Count distinct legs and calls (a bounded run such as an import reports them); off for services. */
  countDistinct?: boolean;
  /** How often corrections made by hand are reloaded from the store (default 5 s). */
  correctionsReloadMs?: number;
}

export interface CorrelatorDeps {
  bus: Bus;
  store: SipStore;
  logger: Logger;
  devices: DeviceDirectory;
  settings: CorrelatorSettings;
  /** Wall clock in µs (tests inject one). */
  now?: () => number;
}

export interface CorrelatorStats {
  records: number;
  stored: number;
  duplicates: number;
  rejected: number;
  legsEmitted: number;
  callsWritten: number;
  activeCallIds: number;
  assembledLegs: number;
  /** Leg messages this process put on sip.legs.v1, and leg messages (from any process) it assembled. */
  legsPublished: number;
  legsConsumed: number;
  /** Distinct legs and calls seen (only with settings.countDistinct). */
  distinctLegs?: number;
  distinctCalls?: number;
}

export interface CorrelatorHandle {
  stats(): CorrelatorStats;
  /** Calls written by this correlator, as they are written (live views subscribe here). */
  readonly calls: EventEmitter<{ call: [CallGraph]; removed: [string] }>;
  /** Resolves once this many raw records have been processed (imports wait for their own records). */
  whenProcessed(records: number, timeoutMs?: number): Promise<void>;
  /** Closes every leg now (end of an import) and waits until the calls are written. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The correlator: consumes sip.raw.v1 as a consumer group (stage 1, per Call-ID: legs), shares
 * legs through sip.legs.v1, and assembles calls from every leg (stage 2). Offsets are committed
 * only after the batch's messages and legs are in the store and the legs are on the bus; an outage
 * of either blocks the batch (back-pressure) instead of losing it.
 */
export async function startCorrelator(deps: CorrelatorDeps): Promise<CorrelatorHandle> {
  const { bus, store, logger, devices, settings } = deps;
  const log = logger.child({ component: 'correlator' });
  const wall = deps.now ?? (() => Date.now() * 1000);
  // A Call-ID whose legs are settled leaves memory after 30 s of quiet: the store holds its
  // observations and hydrate() reloads them when the next message arrives.
  const options: CorrelatorOptions = { ...DEFAULT_CORRELATOR_OPTIONS, evictQuietUs: 30_000_000, ...settings.options };
  const stage1 = new CallIdCorrelator(options);
  const stage2 = new CallAssembler(options);
  const observer = new RecordObserver(options, devices);
  const serial = new Serial();
  const calls = new EventEmitter<{ call: [CallGraph]; removed: [string] }>();
  const stats: Omit<CorrelatorStats, 'legsPublished' | 'legsConsumed'> = {
    records: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    legsEmitted: 0,
    callsWritten: 0,
    activeCallIds: 0,
    assembledLegs: 0,
  };
  const distinct = settings.countDistinct ? { legs: new Set<string>(), calls: new Set<string>() } : undefined;
  let inputClock = 0;
  const now = () => (settings.clock === 'wall' ? wall() : inputClock);
  let assigned = new Set<number>();
  let rawPartitions = await bus.partitions(settings.rawTopic);
  let legsPublished = 0;
  let legsConsumed = 0;
  /** Legs this process has written as part of a call, with the call's end (for forgetting). */
  const placed = new Map<string, number>();
  let closing = false;

  const retry = <T>(what: string, fn: () => Promise<T>) =>
    retryOnDependencyUnavailable(fn, {
      maxDelayMs: 10_000,
      onRetry: (err, attempt, delayMs) => log.warn({ err, attempt, delayMs, what }, 'dependency unavailable; retrying'),
    });

  /** Stage 1 results: messages and legs into the store, then legs onto the bus. */
  const emitLegs = async (accepted: ObservedRecord[], flushed: { updates: LegUpdate[]; removed: string[] }) => {
    const written = await retry('store write', () =>
      store.write({
        messages: accepted,
        legs: flushed.updates,
        removedLegs: flushed.removed,
        calls: [],
        removedCalls: [],
      }),
    );
    stats.stored += written.messages;
    stats.duplicates += written.skipped;
    const messages: LegMessage[] = [
      ...flushed.removed.map((removed) => ({ removed })),
      ...flushed.updates.map((update) => ({ update })),
    ];
    if (messages.length === 0) return;
    await retry('legs publish', () =>
      bus.publish(
        settings.legsTopic,
        messages.map((m) => ({ key: 'update' in m ? m.update.leg.id : m.removed, value: encodeLegMessage(m) })),
      ),
    );
    legsPublished += messages.length;
    stats.legsEmitted += flushed.updates.length;
    if (distinct) {
      for (const u of flushed.updates) distinct.legs.add(u.leg.id);
      for (const id of flushed.removed) distinct.legs.delete(id);
    }
  };

  /** Loads what the store holds for Call-IDs this process has no state for (restart, rebalance, late message). */
  const hydrate = async (records: SipRecord[]) => {
    const cold = [...new Set(records.map((r) => r.callId))].filter((id) => id && !stage1.knows(id));
    if (cold.length === 0) return;
    const [history, stored] = await Promise.all([
      retry('store read', () => store.recordsOf(cold)),
      retry('store read', () => store.legIdsOf(cold)),
    ]);
    for (const record of history) {
      const observed = observer.observe(record);
      if (observed.ok) stage1.add(observed.facts);
    }
    // Legs stored before (by this process before a restart, or by another before a rebalance)
    // that the whole history no longer yields are removed rather than left as stale calls.
    const byCallId = new Map<string, string[]>();
    for (const { callId, legId } of stored) byCallId.set(callId, [...(byCallId.get(callId) ?? []), legId]);
    for (const [callId, legIds] of byCallId) stage1.knownLegs(callId, legIds);
    if (history.length)
      log.debug({ callIds: cold.length, records: history.length }, 'hydrated Call-IDs from the store');
  };

  const onRawBatch = (batch: IncomingBatch) =>
    serial.run(async () => {
      const records: SipRecord[] = [];
      const dead: Uint8Array[] = [];
      for (const message of batch.messages) {
        try {
          records.push(decodeSipRecord(message.value));
        } catch (error) {
          dead.push(
            encodeDeadLetter({
              reason: `not a SipRecord: ${(error as Error).message}`,
              ingestPath: 'file',
              original: message.value,
              receivedTimeUs: wall(),
              source: `${settings.rawTopic}/${batch.partition}@${message.offset}`,
            }),
          );
        }
      }
      await hydrate(records);
      const accepted: ObservedRecord[] = [];
      for (const record of records) {
        const observed = observer.observe(record);
        if (!observed.ok) {
          stats.rejected++;
          log.warn(
            { recordId: record.recordId, callId: record.callId, device: record.device.id, reason: observed.reason },
            'record is not a SIP message',
          );
          dead.push(
            encodeDeadLetter({
              reason: observed.reason,
              ingestPath: record.ingestPath,
              original: record.raw,
              receivedTimeUs: wall(),
              source: record.device.id,
              device: record.device,
            }),
          );
          continue;
        }
        stage1.add(observed.facts);
        accepted.push({ record, facts: observed.facts });
        if (record.captureTimeUs > inputClock) inputClock = record.captureTimeUs;
      }
      await emitLegs(accepted, stage1.flushChanged(now()));
      if (dead.length) {
        await retry('dead-letter publish', () =>
          bus.publish(
            settings.deadLetterTopic,
            dead.map((value, i) => ({ key: `${batch.partition}:${i}`, value })),
          ),
        );
      }
      stats.records += batch.messages.length;
      stats.activeCallIds = stage1.activeCallIds;
      await heartbeatQuietly(batch);
    });

  const owns = (call: CallGraph) => {
    const root = call.legs[0];
    return !!root && rawPartitions > 0 && assigned.has(partitionForKey(root.callId, rawPartitions));
  };

  const onLegsBatch = (batch: IncomingBatch) =>
    serial.run(async () => {
      for (const message of batch.messages) {
        const decoded = decodeLegMessage(message.value);
        if ('removed' in decoded) stage2.remove(decoded.removed);
        else stage2.upsert(decoded.update);
      }
      legsConsumed += batch.messages.length;
      await writeCalls();
    });

  const writeCalls = async () => {
    const { calls: changed, removed } = stage2.flush();
    await writeOwned(changed.filter(owns), removed);
  };

  /** Writes calls this process owns (their root leg's partition is assigned here) and removals. */
  const writeOwned = async (mine: CallGraph[], removed: string[]) => {
    // A leg this process has not yet written in a call may sit in a call another process wrote
    // before it died or lost the partition (with a different shape, so a different id): replaced here.
    const unplaced = mine.filter((call) => call.legs.some((leg) => !placed.has(leg.id)));
    if (unplaced.length) {
      const known = new Set(removed);
      for (const id of await retry('store read', () => store.supersededBy(unplaced))) {
        if (!known.has(id)) removed.push(id);
      }
    }
    for (const call of mine) for (const leg of call.legs) placed.set(leg.id, call.end);
    if (mine.length || removed.length) {
      await retry('store write', () =>
        store.write({ messages: [], legs: [], removedLegs: [], calls: mine, removedCalls: removed }),
      );
    }
    stats.callsWritten += mine.length;
    if (distinct) {
      for (const call of mine) distinct.calls.add(call.id);
      for (const id of removed) distinct.calls.delete(id);
    }
    stats.assembledLegs = stage2.legCount;
    for (const call of mine) calls.emit('call', call);
    for (const id of removed) calls.emit('removed', id);
  };

  // Stage 2 starts from what the store knows (a restart keeps building calls that were in progress),
  // with the corrections made by hand applied on top of every call it builds.
  const corrections = new CorrectionStore(store);
  const windowUs = (options.idleWindowUs + options.lingerUs) * 1;
  stage2.setCorrections(await retry('store read', () => corrections.all()));
  for (const update of await retry('store read', () => store.recentLegs(wall() - windowUs))) stage2.upsert(update);
  stage2.flush();
  // Corrections are made elsewhere (CLI, API) and written to the store: reloaded every few seconds.
  let correctionsLoaded = Date.now();
  const reloadCorrections = async () => {
    if (Date.now() - correctionsLoaded < (settings.correctionsReloadMs ?? 5000)) return;
    correctionsLoaded = Date.now();
    if (stage2.setCorrections(await retry('store read', () => corrections.all())) > 0) await writeCalls();
  };

  const instance = randomUUID();
  const legsGroup = `${settings.groupId}-assembler-${instance}`;
  const legsSubscription: Subscription = await bus.subscribe({
    groupId: legsGroup,
    topics: [settings.legsTopic],
    fromBeginning: true,
    handler: onLegsBatch,
  });
  const rawSubscription: Subscription = await bus.subscribe({
    groupId: settings.groupId,
    topics: [settings.rawTopic],
    fromBeginning: true,
    handler: onRawBatch,
    onRebalance: (partitions) => {
      const before = assigned;
      assigned = new Set(partitions.filter((p) => p.topic === settings.rawTopic).map((p) => p.partition));
      log.info({ partitions: [...assigned].sort((a, b) => a - b) }, 'sip.raw.v1 partitions assigned');
      // Calls rooted in a partition gained here may have been assembled (every process reads every
      // leg) but never written: their owner died between publishing the legs and writing the call,
      // and nothing changes them again. The new owner writes them now.
      const gained = new Set([...assigned].filter((p) => !before.has(p)));
      if (gained.size > 0) {
        void serial
          .run(() =>
            writeOwned(
              stage2
                .currentCalls()
                .filter((call) => call.legs[0] && gained.has(partitionForKey(call.legs[0].callId, rawPartitions))),
              [],
            ),
          )
          .catch((err: unknown) => log.error({ err }, 'writing the calls of gained partitions failed'));
      }
      void bus
        .partitions(settings.rawTopic)
        .then((n) => (rawPartitions = n))
        .catch(() => {});
    },
  });

  const timer = setInterval(() => {
    if (closing) return;
    void serial
      .run(async () => {
        await emitLegs([], stage1.flush(now()));
        stats.activeCallIds = stage1.activeCallIds;
        const idle = stage2.closeIdle(now() - options.idleWindowUs);
        const mine = idle.filter(owns);
        if (mine.length)
          await retry('store write', () =>
            store.write({ messages: [], legs: [], removedLegs: [], calls: mine, removedCalls: [] }),
          );
        const forgetBefore = now() - options.idleWindowUs - options.lingerUs;
        stage2.evict(forgetBefore);
        await reloadCorrections();
        for (const [legId, end] of placed) if (end < forgetBefore) placed.delete(legId);
      })
      .catch((err: unknown) => log.error({ err }, 'periodic flush failed'));
  }, settings.flushIntervalMs);
  timer.unref();

  const waitFor = async (done: () => boolean, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`correlator: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  return {
    stats: () => ({
      ...stats,
      legsPublished,
      legsConsumed,
      ...(distinct ? { distinctLegs: distinct.legs.size, distinctCalls: distinct.calls.size } : {}),
    }),
    calls,
    whenProcessed: (records, timeoutMs = 120_000) =>
      waitFor(() => stats.records >= records, `${records} records`, timeoutMs),
    finish: async () => {
      await serial.run(() => emitLegs([], stage1.flushAll(now())));
      await waitFor(() => legsConsumed >= legsPublished, 'legs to be assembled', 120_000);
      await serial.run(() => writeCalls());
    },
    close: async () => {
      // In one process nothing outlives the in-process bus: take in what was accepted before stopping.
      if (bus instanceof MemoryBus) {
        await waitFor(
          () =>
            bus.pending(settings.groupId, settings.rawTopic) === 0 && bus.pending(legsGroup, settings.legsTopic) === 0,
          'the in-process bus to drain',
          30_000,
        ).catch((err: unknown) => log.error({ err }, 'stopping with records not yet correlated'));
      }
      closing = true;
      clearInterval(timer);
      await rawSubscription.stop();
      // The calls of the legs this process published are written before it goes (graceful stop).
      await waitFor(() => legsConsumed >= legsPublished, 'its legs to be assembled', 15_000).catch((err: unknown) =>
        log.warn({ err }, 'stopping before every leg was assembled; the next start assembles them from sip.legs.v1'),
      );
      await legsSubscription.stop();
      await serial.run(async () => {});
    },
  };
}

async function heartbeatQuietly(batch: IncomingBatch): Promise<void> {
  try {
    await batch.heartbeat();
  } catch {
    // A rebalance in progress: the commit decides; nothing to do here.
  }
}
