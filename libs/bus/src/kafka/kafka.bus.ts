import { DependencyUnavailableError } from '@sipflow/platform';
import {
  CompressionTypes,
  Kafka,
  KafkaJSError,
  logLevel as KafkaLogLevel,
  type Consumer,
  type KafkaConfig,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import type { Logger } from 'pino';
import type { Bus, IncomingMessage, OutgoingMessage, SubscribeOptions, Subscription, TopicSpec } from '../bus';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { username: string; password: string };
  compression?: 'none' | 'gzip';
  logger: Logger;
  /** How long publish waits for the broker before it reports the dependency unavailable. */
  requestTimeoutMs?: number;
}

const levelNames: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** kafkajs logs through our pino logger (one logger), at most at warn unless debugging. */
function kafkaLogCreator(logger: Logger) {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      child[levelNames[level] ?? 'info'](extra, message);
    };
}

function toHeaders(headers: IncomingMessageRaw['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return out;
}

type IncomingMessageRaw = {
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
  offset: string;
  timestamp: string;
};

/**
 * The production bus: kafkajs with an idempotent producer (acks from all in-sync replicas, one
 * request in flight so retries cannot reorder a partition) and consumer groups that commit
 * explicitly after the handler's batch succeeded.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: options.brokers,
      ssl: options.ssl,
      logLevel: KafkaLogLevel.WARN,
      logCreator: kafkaLogCreator(options.logger),
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    };
    if (options.sasl) config.sasl = { mechanism: 'scram-sha-512', ...options.sasl };
    this.kafka = new Kafka(config);
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  /**
   * Creates the topics that do not exist yet. A broker that has just created a topic may answer
   * metadata requests with UNKNOWN_TOPIC_OR_PARTITION until its leaders settle (seen on a loaded
   * machine): retriable errors are retried a few times, and creating is idempotent (existing topics
   * are left alone).
   */
  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    const attempts = 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.createMissingTopics(topics);
        return;
      } catch (error) {
        const retriable = error instanceof KafkaJSError && error.retriable;
        if (!retriable || attempt >= attempts) throw wrap(error);
        this.options.logger.warn({ err: error, attempt }, 'topic creation not settled yet; retrying');
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  private async createMissingTopics(topics: TopicSpec[]): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.topic));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions,
          replicationFactor: t.replication ?? 1,
          configEntries: t.retentionMs ? [{ name: 'retention.ms', value: String(t.retentionMs) }] : [],
        })),
      });
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  async partitions(topic: string): Promise<number> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      return metadata.topics[0]?.partitions.length ?? 0;
    } catch (error) {
      throw wrap(error);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const producer = await this.getProducer();
      await producer.send({
        topic,
        acks: -1,
        compression: this.options.compression === 'none' ? CompressionTypes.None : CompressionTypes.GZIP,
        messages: messages.map((m) => ({
          key: m.key,
          value: Buffer.from(m.value.buffer, m.value.byteOffset, m.value.byteLength),
          headers: m.headers,
          timestamp: m.timestamp === undefined ? undefined : String(m.timestamp),
        })),
      });
    } catch (error) {
      throw wrap(error);
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
      allowAutoTopicCreation: false,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumers.add(consumer);
    try {
      await consumer.connect();
      if (options.onRebalance) {
        consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
          options.onRebalance!(
            Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
              partitions.map((partition) => ({ topic, partition })),
            ),
          );
        });
      }
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const messages: IncomingMessage[] = batch.messages.map((m) => ({
            key: m.key ? m.key.toString('utf8') : '',
            value: m.value ?? Buffer.alloc(0),
            headers: toHeaders(m.headers),
            partition: batch.partition,
            offset: m.offset,
            timestamp: Number(m.timestamp),
          }));
          // A throw here leaves the batch uncommitted; kafkajs seeks back and hands it out again.
          await options.handler({ topic: batch.topic, partition: batch.partition, messages, heartbeat });
          const last = batch.lastOffset();
          resolveOffset(last);
          await consumer.commitOffsets([
            { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
          ]);
        },
      });
    } catch (error) {
      this.consumers.delete(consumer);
      await consumer.disconnect().catch(() => {});
      throw wrap(error);
    }
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch(() => {})));
    this.consumers.clear();
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await (await producer.catch(() => undefined))?.disconnect();
  }
}

/** Broker-side trouble (connection, timeouts, leadership, retries exhausted) is an outage, not bad input. */
function wrap(error: unknown): unknown {
  if (error instanceof KafkaJSError) {
    return new DependencyUnavailableError('kafka', error.message, { cause: error });
  }
  return error;
}
