/**
 * The message bus between sipflow's services: Kafka in production, an in-process log in the
 * single-process mode. Both implementations pass the same contract suite (contract/bus.contract.ts).
 *
 * Semantics, as Kafka gives them:
 * - messages with the same key go to the same partition and are delivered in publish order;
 * - `publish` resolves only when the bus has made the messages durable (all in-sync replicas);
 * - a consumer group's progress is committed after the handler resolves for a batch, so a
 *   handler that throws, or a consumer that stops before its handler finished, gets the batch
 *   again (at-least-once); consumers must be idempotent.
 */
export interface OutgoingMessage {
  key: string;
  value: Uint8Array;
  headers?: Record<string, string>;
  /** Milliseconds since the epoch; defaults to the publish time. */
  timestamp?: number;
}

export interface IncomingMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  partition: number;
  /** Position in the partition, as a decimal string (Kafka offsets exceed 2^53 in theory). */
  offset: string;
  timestamp: number;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
  /** Tells the group this consumer is alive during long batches. */
  heartbeat(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replication?: number;
  retentionMs?: number;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts (default: earliest). */
  fromBeginning?: boolean;
  handler: (batch: IncomingBatch) => Promise<void>;
  /** Called when partitions are assigned or revoked, e.g. to flush per-partition state. */
  onRebalance?: (assigned: { topic: string; partition: number }[]) => void;
}

export interface Subscription {
  /** Stops fetching, waits for the handler in flight, commits nothing more. */
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'kafka' | 'memory';
  /** Creates the topics that do not exist yet (existing ones are left as they are). */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /** Number of partitions of a topic (keys map to partitions as partitionForKey says). */
  partitions(topic: string): Promise<number>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
