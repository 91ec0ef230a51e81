import type {
  Bus,
  IncomingBatch,
  IncomingMessage,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
  TopicSpec,
} from '../bus';
import { partitionForKey } from '../partitioner';

export interface MemoryBusOptions {
  /** Partitions of topics created implicitly by publish/subscribe. */
  defaultPartitions?: number;
  /** Largest batch handed to a handler. */
  maxBatchSize?: number;
  /** First delay before a failed batch is handed out again; doubles up to 5 s. */
  retryDelayMs?: number;
  /**
   * Committed messages kept per partition for groups that join later (Kafka keeps them for its
   * retention time); older ones are dropped once every group has committed them.
   */
  retainPerPartition?: number;
}

interface Member {
  id: number;
  options: SubscribeOptions;
  assigned: string[];
}

/** One partition: entries from offset `base` on (what every group has committed is trimmed). */
interface PartitionLog {
  base: number;
  entries: IncomingMessage[];
}

/** Group state: committed offsets and members. */
class Group {
  readonly committed = new Map<string, number>();
  readonly inFlight = new Set<string>();
  readonly members: Member[] = [];
}

const partitionId = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * The in-process bus of the single-process mode: the same contract as Kafka (per-key order,
 * consumer groups, commit after the handler, redelivery of uncommitted batches), in memory.
 * Nothing survives the process; the single-process mode makes records durable in the store.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, Group>();
  private readonly waiters = new Set<() => void>();
  private nextMemberId = 1;
  private closed = false;
  private readonly defaultPartitions: number;
  private readonly maxBatchSize: number;
  private readonly retryDelayMs: number;
  private readonly retain: number;

  constructor(options: MemoryBusOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 4;
    this.maxBatchSize = options.maxBatchSize ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.retain = options.retainPerPartition ?? 1000;
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const spec of topics) this.topic(spec.topic, spec.partitions);
  }

  private topic(name: string, partitions = this.defaultPartitions): PartitionLog[] {
    let log = this.topics.get(name);
    if (!log) {
      log = Array.from({ length: partitions }, () => ({ base: 0, entries: [] }));
      this.topics.set(name, log);
    }
    return log;
  }

  async partitions(topic: string): Promise<number> {
    return this.topic(topic).length;
  }

  /** Messages of a topic the group has not committed yet (all partitions). */
  pending(groupId: string, topic: string): number {
    const group = this.groups.get(groupId);
    return this.topic(topic).reduce((n, log, p) => {
      const committed = group?.committed.get(partitionId(topic, p)) ?? log.base;
      return n + Math.max(0, log.base + log.entries.length - committed);
    }, 0);
  }

  /** Messages held for a topic (all partitions). */
  held(topic: string): number {
    return (this.topics.get(topic) ?? []).reduce((n, p) => n + p.entries.length, 0);
  }

  /** Drops what every group reading the topic has committed, beyond the retained tail: memory stays bounded. */
  private trim(topic: string, partition: number): void {
    const id = partitionId(topic, partition);
    let min = Infinity;
    for (const group of this.groups.values()) {
      const committed = group.committed.get(id);
      if (committed !== undefined) min = Math.min(min, committed);
    }
    const log = this.topic(topic)[partition]!;
    const keepFrom = Math.min(min, log.base + log.entries.length - this.retain);
    if (min === Infinity || keepFrom <= log.base) return;
    log.entries.splice(0, keepFrom - log.base);
    log.base = keepFrom;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const log = this.topic(topic);
    const now = Date.now();
    for (const message of messages) {
      const partition = partitionForKey(message.key, log.length);
      const target = log[partition]!;
      target.entries.push({
        key: message.key,
        value: Buffer.from(message.value),
        headers: { ...message.headers },
        partition,
        offset: String(target.base + target.entries.length),
        timestamp: message.timestamp ?? now,
      });
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private waitForWork(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private rebalance(group: Group): void {
    const all = [...new Set(group.members.flatMap((m) => m.options.topics))]
      .sort()
      .flatMap((topic) => this.topic(topic).map((_, p) => partitionId(topic, p)));
    group.members.sort((a, b) => a.id - b.id);
    for (const member of group.members) member.assigned = [];
    all.forEach((id, i) => {
      const member = group.members[i % group.members.length];
      if (member && member.options.topics.includes(id.split('\u0000')[0]!)) member.assigned.push(id);
    });
    for (const member of group.members) {
      member.options.onRebalance?.(
        member.assigned.map((id) => {
          const [topic, partition] = id.split('\u0000');
          return { topic: topic!, partition: Number(partition) };
        }),
      );
    }
    this.wake();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = new Group();
      this.groups.set(options.groupId, group);
    }
    for (const topic of options.topics) {
      this.topic(topic).forEach((log, p) => {
        // A new group starts at the end when asked to skip history (Kafka's "latest").
        const id = partitionId(topic, p);
        if (!group.committed.has(id)) {
          group.committed.set(id, options.fromBeginning === false ? log.base + log.entries.length : log.base);
        }
      });
    }
    const member: Member = { id: this.nextMemberId++, options, assigned: [] };
    group.members.push(member);
    this.rebalance(group);
    let stopping = false;
    const loop = this.consume(group, member, () => stopping);
    return {
      stop: async () => {
        stopping = true;
        this.wake();
        await loop;
        group.members.splice(group.members.indexOf(member), 1);
        this.rebalance(group);
      },
    };
  }

  private async consume(group: Group, member: Member, stopping: () => boolean): Promise<void> {
    const failures = new Map<string, { attempts: number; notBefore: number }>();
    while (!stopping() && !this.closed) {
      let worked = false;
      for (const id of member.assigned) {
        if (stopping()) break;
        if (group.inFlight.has(id)) continue;
        const failure = failures.get(id);
        if (failure && Date.now() < failure.notBefore) continue;
        const [topic, partitionText] = id.split('\u0000') as [string, string];
        const partition = Number(partitionText);
        const log = this.topic(topic)[partition]!;
        const start = Math.max(group.committed.get(id) ?? log.base, log.base);
        const from = start - log.base;
        if (from >= log.entries.length) continue;
        const messages = log.entries.slice(from, from + this.maxBatchSize);
        const batch: IncomingBatch = { topic, partition, messages, heartbeat: async () => {} };
        group.inFlight.add(id);
        worked = true;
        try {
          await member.options.handler(batch);
          group.committed.set(id, start + messages.length);
          failures.delete(id);
          this.trim(topic, partition);
        } catch {
          // Not committed: the same batch is handed out again after a back-off.
          const attempts = (failure?.attempts ?? 0) + 1;
          failures.set(id, {
            attempts,
            notBefore: Date.now() + Math.min(5000, this.retryDelayMs * 2 ** (attempts - 1)),
          });
        } finally {
          group.inFlight.delete(id);
        }
      }
      if (!worked) await this.waitForWork(failures.size ? this.retryDelayMs : 1000);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
  }
}
