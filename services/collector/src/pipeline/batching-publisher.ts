import type { Bus, OutgoingMessage, TopicSpec } from '@sipflow/bus';
import { DependencyUnavailableError, retryOnDependencyUnavailable, type Logger } from '@sipflow/platform';
import type { CollectorMetrics } from '../health/collector.metrics';
import type { DiskSpool } from './disk-spool';
import { entrySize, type OutboundEntry } from './spool-record.codec';

export interface BatchingPublisherOptions {
  bus: Bus;
  /** Topics created (if absent) before the first publish. */
  topics: TopicSpec[];
  /** Absent: no disk spool; records beyond the memory bound are dropped (counted, logged). */
  spool?: DiskSpool;
  batchRecords: number;
  lingerMs: number;
  bufferMaxBytes: number;
  maxBackoffMs: number;
  metrics: CollectorMetrics;
  logger: Logger;
}

export interface PublisherState {
  memoryRecords: number;
  memoryBytes: number;
  spoolRecords: number;
  spoolBytes: number;
  /** False while publishing fails with an outage (the bus is down or slow beyond its timeout). */
  busAvailable: boolean;
}

type Batch = { entries: OutboundEntry[]; source: 'memory' | 'spool'; commit?: () => void };

/**
 * Everything the collector accepted goes out through here, in the order it was accepted:
 *
 *   memory buffer (bounded) ──▶ bus            while the bus keeps up
 *   memory buffer full      ──▶ disk spool     and every later record too, until the spool is drained,
 *                                              so the order stays memory → spool → new records
 *
 * One publish is in flight at a time (the idempotent producer keeps each partition in order).
 * Outages (DependencyUnavailableError) are retried with capped back-off and never drop anything;
 * a record is dropped only when a bound is reached or the bus refuses it as bad, and every drop is
 * counted and logged with its reason.
 */
export class BatchingPublisher {
  private memory: OutboundEntry[] = [];
  private memoryBytes = 0;
  private memoryHeadAt = 0;
  private waker: (() => void) | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private busAvailable = true;
  private topicsReady = false;
  /** A batch is on its way to the bus (taken out of memory, not yet acknowledged). */
  private sending = false;
  private idleWaiters: (() => void)[] = [];
  private readonly logger: Logger;
  private lastDropLog = 0;
  private dropsSinceLog = 0;

  constructor(private readonly options: BatchingPublisherOptions) {
    this.logger = options.logger;
    options.metrics.observe(() => this.state);
  }

  get state(): PublisherState {
    return {
      memoryRecords: this.memory.length,
      memoryBytes: this.memoryBytes,
      spoolRecords: this.options.spool?.records ?? 0,
      spoolBytes: this.options.spool?.bytes ?? 0,
      busAvailable: this.busAvailable,
    };
  }

  start(): void {
    this.running ??= this.run().catch((err: unknown) => {
      // A bug, not an outage: say so loudly; close() still spools what is left.
      this.logger.fatal({ err }, 'publisher stopped');
    });
  }

  /** Takes one record; never blocks and never throws (bounds are enforced by spilling or dropping). */
  enqueue(entry: OutboundEntry): void {
    const spool = this.options.spool;
    if (spool && !spool.isEmpty) {
      this.spill([entry]);
    } else {
      const size = entrySize(entry);
      if (this.memoryBytes + size > this.options.bufferMaxBytes) {
        if (spool) this.spill([entry]);
        else this.drop([entry], 'buffer-full');
      } else {
        if (this.memory.length === 0) this.memoryHeadAt = performance.now();
        this.memory.push(entry);
        this.memoryBytes += size;
        if (this.memory.length === 1 || this.memory.length >= this.options.batchRecords) this.wake();
        return;
      }
    }
    this.wake();
  }

  /** Resolves when everything accepted so far is on the bus (memory and spool empty). */
  async drained(timeoutMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.isIdle()) {
      if (Date.now() > deadline) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(200, Math.max(1, deadline - Date.now())));
        this.idleWaiters.push(() => (clearTimeout(timer), resolve()));
        this.wake();
      });
    }
    return true;
  }

  /**
   * Graceful shutdown: publish what is in memory for up to `deadlineMs`, then stop; what the bus did
   * not take is put at the head of the spool (it is older than anything spooled), or, without a
   * spool, counted and logged as dropped.
   */
  async close(deadlineMs = 10_000): Promise<void> {
    this.stopping = true;
    this.wake();
    const timer = setTimeout(() => this.abort.abort(new Error('shutdown deadline')), deadlineMs);
    try {
      await this.running;
    } finally {
      clearTimeout(timer);
    }
    const left = this.memory;
    this.memory = [];
    this.memoryBytes = 0;
    if (left.length > 0) {
      const spool = this.options.spool;
      const taken = spool ? spool.prepend(left) : 0;
      if (taken > 0) this.count(left.slice(0, taken), 'spooled');
      if (taken < left.length) this.drop(left.slice(taken), spool ? 'spool-full' : 'shutdown-no-spool');
      this.logger.info(
        { spooled: taken, dropped: left.length - taken },
        'publisher closed with records left in memory',
      );
    }
    this.options.spool?.close();
  }

  private noteOutage(err: DependencyUnavailableError, attempt: number, delayMs: number): void {
    if (this.busAvailable) this.logger.warn({ err, ...this.state }, 'bus unavailable; spooling and retrying');
    else if (attempt % 10 === 0) this.logger.warn({ attempt, delayMs, ...this.state }, 'bus still unavailable');
    this.busAvailable = false;
    this.options.metrics.setBusAvailable(false);
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }

  /** Moves a failed memory batch and the memory buffer behind it to the head of the spool. */
  private spillMemory(failed: OutboundEntry[]): void {
    const all = failed.length ? [...failed, ...this.memory] : this.memory;
    const taken = this.options.spool!.prepend(all);
    if (taken > 0) this.count(all.slice(0, taken), 'spooled');
    // Whatever the full spool did not take stays in memory and is retried from there.
    this.memory = all.slice(taken);
    this.memoryBytes = this.memory.reduce((n, e) => n + entrySize(e), 0);
  }

  private isIdle(): boolean {
    return !this.sending && this.memory.length === 0 && (this.options.spool?.isEmpty ?? true);
  }

  private wake(): void {
    const w = this.waker;
    this.waker = undefined;
    w?.();
  }

  private spill(entries: OutboundEntry[]): void {
    const spool = this.options.spool!;
    const taken = spool.append(entries);
    if (taken > 0) this.count(entries.length === taken ? entries : entries.slice(0, taken), 'spooled');
    if (taken < entries.length) this.drop(entries.slice(taken), 'spool-full');
  }

  private drop(entries: OutboundEntry[], reason: string): void {
    for (const e of entries) this.options.metrics.dropped(e.device, e.ingestPath, reason);
    this.dropsSinceLog += entries.length;
    const now = Date.now();
    // One line per second at most: a full spool under load would otherwise drown the log.
    if (now - this.lastDropLog >= 1000) {
      this.logger.error(
        { reason, dropped: this.dropsSinceLog, ...this.state, topic: entries[0]?.topic },
        'records dropped: a bound was reached',
      );
      this.lastDropLog = now;
      this.dropsSinceLog = 0;
    }
  }

  private count(entries: OutboundEntry[], what: 'spooled' | 'published'): void {
    const byLabel = new Map<string, { device: string; path: string; n: number }>();
    for (const e of entries) {
      const k = `${e.device}\u0000${e.ingestPath}`;
      const c = byLabel.get(k);
      if (c) c.n++;
      else byLabel.set(k, { device: e.device, path: e.ingestPath, n: 1 });
    }
    for (const { device, path, n } of byLabel.values()) this.options.metrics[what](device, path, n);
  }

  private async run(): Promise<void> {
    for (;;) {
      const batch = this.takeBatch();
      if (!batch) {
        if (this.stopping && this.memory.length === 0) return;
        for (const w of this.idleWaiters.splice(0)) w();
        await this.waitForWork();
        continue;
      }
      this.sending = true;
      const ok = await this.send(batch).finally(() => (this.sending = false));
      if (!ok) return; // aborted at shutdown; the batch went back where it came from
    }
  }

  /**
   * Topics are created (if absent) before the first publish, inside the publish attempt: a bus
   * that is down at start-up is an outage like any other (records spill to the spool meanwhile).
   */
  private async ensureTopics(): Promise<void> {
    if (this.topicsReady) return;
    try {
      await this.options.bus.ensureTopics(this.options.topics);
    } catch (err) {
      if (err instanceof DependencyUnavailableError) throw err;
      // Not an outage (e.g. no rights to create topics): publishing will tell whether they exist.
      this.logger.error({ err }, 'could not ensure topics');
    }
    this.topicsReady = true;
  }

  private takeBatch(): Batch | undefined {
    const max = this.options.batchRecords;
    if (this.memory.length > 0) {
      const lingered = performance.now() - this.memoryHeadAt >= this.options.lingerMs;
      if (this.memory.length >= max || lingered || this.stopping) {
        const entries = this.memory.length <= max ? this.memory : this.memory.slice(0, max);
        this.memory = this.memory.length <= max ? [] : this.memory.slice(max);
        for (const e of entries) this.memoryBytes -= entrySize(e);
        if (this.memory.length > 0) this.memoryHeadAt = performance.now();
        return { entries, source: 'memory' };
      }
      return undefined;
    }
    if (this.stopping) return undefined;
    const read = this.options.spool?.read(max);
    return read ? { entries: read.entries, source: 'spool', commit: read.commit } : undefined;
  }

  private waitForWork(): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      this.waker = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      if (this.memory.length > 0) {
        const wait = Math.max(0, this.options.lingerMs - (performance.now() - this.memoryHeadAt));
        timer = setTimeout(() => this.wake(), wait);
      }
    });
  }

  /** Publishes one batch, retrying outages; false when shutdown cut the retries short. */
  private async send(batch: Batch): Promise<boolean> {
    // Per-topic groups in order; a group that went out is not sent again when a later one fails.
    const groups = new Map<string, OutboundEntry[]>();
    for (const e of batch.entries) {
      const g = groups.get(e.topic);
      if (g) g.push(e);
      else groups.set(e.topic, [e]);
    }
    const pending = [...groups.entries()];
    const publishPending = async () => {
      await this.ensureTopics();
      while (pending.length > 0) {
        const [topic, entries] = pending[0]!;
        const messages: OutgoingMessage[] = entries.map((e) => ({ key: e.key, value: e.value }));
        const started = performance.now();
        await this.options.bus.publish(topic, messages);
        this.options.metrics.publishLatency((performance.now() - started) / 1000);
        pending.shift();
        this.count(entries, 'published');
      }
    };
    const spool = this.options.spool;
    try {
      if (batch.source === 'memory' && spool) {
        try {
          await publishPending();
        } catch (err) {
          if (!(err instanceof DependencyUnavailableError)) throw err;
          // An outage: what waits in memory goes to disk now (ahead of anything spooled, being
          // older), so a crash during a long outage loses nothing; the spool is retried from here.
          this.noteOutage(err, 1, 0);
          this.spillMemory(pending.flatMap(([, entries]) => entries));
          // A full spool left records in memory: wait before trying the bus with them again.
          if (this.memory.length > 0) await this.pause(this.options.maxBackoffMs);
          return !this.abort.signal.aborted;
        }
      } else {
        await retryOnDependencyUnavailable(publishPending, {
          maxDelayMs: this.options.maxBackoffMs,
          initialDelayMs: 50,
          signal: this.abort.signal,
          onRetry: (err, attempt, delayMs) => this.noteOutage(err, attempt, delayMs),
        });
      }
    } catch (err) {
      const left = pending.flatMap(([, entries]) => entries);
      if (this.abort.signal.aborted) {
        // Shutdown: memory records go back to the front (close() spools them); spool records
        // were never committed, so they stay spooled.
        if (batch.source === 'memory') {
          this.memory = [...left, ...this.memory];
          for (const e of left) this.memoryBytes += entrySize(e);
        }
        return false;
      }
      // The bus refused the batch as bad (not an outage): nothing to wait for.
      this.logger.error({ err, records: left.length }, 'publish failed; batch dropped');
      this.drop(left, 'publish-rejected');
    }
    if (!this.busAvailable) {
      this.logger.info({ ...this.state }, 'bus available again');
      this.busAvailable = true;
      this.options.metrics.setBusAvailable(true);
    }
    batch.commit?.();
    return true;
  }
}
