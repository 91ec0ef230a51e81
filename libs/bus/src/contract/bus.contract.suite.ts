import { pollUntil } from '@sipflow/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bus, IncomingBatch, IncomingMessage, Subscription } from '../bus';
import { partitionForKey } from '../partitioner';

export interface BusContractSetup {
  bus: () => Bus;
  /** Generous for a real broker (group joins take seconds), short for memory. */
  timeoutMs: number;
}

let sequence = 0;
const unique = (what: string) => `contract-${what}-${process.pid}-${Date.now()}-${sequence++}`;
const text = (m: IncomingMessage) => m.value.toString('utf8');

/** The behaviour every Bus implementation must have; run against memory (unit) and Kafka (integration). */
export function busContract(name: string, setup: BusContractSetup): void {
  describe(`Bus contract: ${name}`, () => {
    const subscriptions: Subscription[] = [];
    const subscribe = async (
      bus: Bus,
      topic: string,
      groupId: string,
      handler: (b: IncomingBatch) => Promise<void>,
    ) => {
      const sub = await bus.subscribe({ groupId, topics: [topic], fromBeginning: true, handler });
      subscriptions.push(sub);
      return sub;
    };
    const topicWith = async (bus: Bus, partitions = 3) => {
      const topic = unique('topic');
      await bus.ensureTopics([{ topic, partitions }]);
      return topic;
    };
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
    });

    it('delivers every message with its key, value and headers', async () => {
      const bus = setup.bus();
      const topic = await topicWith(bus);
      await bus.publish(topic, [
        { key: 'call-1@example.com', value: Buffer.from('INVITE'), headers: { path: 'syslog' } },
        { key: 'call-2@example.com', value: new Uint8Array([0, 1, 2, 255]) },
      ]);
      const got: IncomingMessage[] = [];
      await subscribe(bus, topic, unique('group'), async (b) => void got.push(...b.messages));
      await pollUntil(() => got.length === 2, { timeoutMs: setup.timeoutMs, what: 'two messages' });
      const invite = got.find((m) => m.key === 'call-1@example.com')!;
      expect(text(invite)).toBe('INVITE');
      expect(invite.headers).toEqual({ path: 'syslog' });
      expect([...got.find((m) => m.key === 'call-2@example.com')!.value]).toEqual([0, 1, 2, 255]);
      expect(typeof invite.offset).toBe('string');
    });

    it('keeps publish order per key across partitions and publish calls', async () => {
      const bus = setup.bus();
      const topic = await topicWith(bus, 4);
      const keys = Array.from({ length: 10 }, (_, i) => `dialog-${i}`);
      for (let round = 0; round < 6; round++) {
        await bus.publish(
          topic,
          Array.from({ length: 50 }, (_, i) => {
            const n = round * 50 + i;
            return { key: keys[n % keys.length]!, value: Buffer.from(String(n)) };
          }),
        );
      }
      const perKey = new Map<string, number[]>();
      const partitionsOfKey = new Map<string, Set<number>>();
      await subscribe(bus, topic, unique('group'), async (b) => {
        for (const m of b.messages) {
          perKey.set(m.key, [...(perKey.get(m.key) ?? []), Number(text(m))]);
          partitionsOfKey.set(m.key, (partitionsOfKey.get(m.key) ?? new Set()).add(m.partition));
        }
      });
      await pollUntil(() => [...perKey.values()].flat().length === 300, { timeoutMs: setup.timeoutMs, what: '300' });
      for (const key of keys) {
        const seen = perKey.get(key)!;
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(seen).toHaveLength(30);
        expect(partitionsOfKey.get(key)!.size).toBe(1);
        // Keys land where Kafka's default partitioner puts them, in both implementations.
        expect([...partitionsOfKey.get(key)!][0]).toBe(partitionForKey(key, 4));
      }
      expect(await bus.partitions(topic)).toBe(4);
      expect(new Set([...partitionsOfKey.values()].flatMap((s) => [...s])).size).toBeGreaterThan(1);
    });

    it('hands messages to the handler in batches', async () => {
      const bus = setup.bus();
      const topic = await topicWith(bus, 1);
      await bus.publish(
        topic,
        Array.from({ length: 200 }, (_, i) => ({ key: 'one-key', value: Buffer.from(String(i)) })),
      );
      const sizes: number[] = [];
      await subscribe(bus, topic, unique('group'), async (b) => void sizes.push(b.messages.length));
      await pollUntil(() => sizes.reduce((a, b) => a + b, 0) === 200, { timeoutMs: setup.timeoutMs, what: '200' });
      expect(Math.max(...sizes)).toBeGreaterThan(1);
      expect(sizes.length).toBeLessThan(200);
    });

    it('hands a failed batch out again and commits only after success', async () => {
      const bus = setup.bus();
      const topic = await topicWith(bus, 1);
      await bus.publish(
        topic,
        Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: Buffer.from(`m${i}`) })),
      );
      const deliveries = new Map<string, number>();
      let failedOnce = false;
      const group = unique('group');
      const sub = await subscribe(bus, topic, group, async (b) => {
        for (const m of b.messages) deliveries.set(text(m), (deliveries.get(text(m)) ?? 0) + 1);
        if (!failedOnce && b.messages.some((m) => text(m) === 'm5')) {
          failedOnce = true;
          throw new Error('store unavailable');
        }
      });
      await pollUntil(() => (deliveries.get('m5') ?? 0) >= 2 && deliveries.size === 10, {
        timeoutMs: setup.timeoutMs,
        what: 'redelivery of the failed batch',
      });
      expect(deliveries.size).toBe(10);
      await sub.stop();
      subscriptions.splice(subscriptions.indexOf(sub), 1);

      // Everything was committed after the retry succeeded: a new member of the group sees only new messages.
      await bus.publish(topic, [{ key: 'k', value: Buffer.from('after') }]);
      const later: string[] = [];
      await subscribe(bus, topic, group, async (b) => void later.push(...b.messages.map(text)));
      await pollUntil(() => later.includes('after'), { timeoutMs: setup.timeoutMs, what: 'the new message' });
      expect(later).toEqual(['after']);
    });

    it('redelivers what a stopped consumer had not committed to the next consumer of the group', async () => {
      const bus = setup.bus();
      const topic = await topicWith(bus, 1);
      const group = unique('group');
      await bus.publish(
        topic,
        Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: Buffer.from(`a${i}`) })),
      );
      const first: string[] = [];
      const sub = await subscribe(bus, topic, group, async (b) => {
        first.push(...b.messages.map(text));
        throw new Error('crash before commit');
      });
      await pollUntil(() => first.length >= 5, { timeoutMs: setup.timeoutMs, what: 'first delivery' });
      await sub.stop();
      subscriptions.splice(subscriptions.indexOf(sub), 1);

      const second: string[] = [];
      await subscribe(bus, topic, group, async (b) => void second.push(...b.messages.map(text)));
      await pollUntil(() => second.length >= 5, { timeoutMs: setup.timeoutMs, what: 'redelivery after restart' });
      expect(second.slice(0, 5)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    });

    it('gives every consumer group its own copy', async () => {
      const bus = setup.bus();
      const topic = await topicWith(bus, 2);
      await bus.publish(
        topic,
        Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`v${i}`) })),
      );
      const a: string[] = [];
      const b: string[] = [];
      await subscribe(bus, topic, unique('group-a'), async (batch) => void a.push(...batch.messages.map(text)));
      await subscribe(bus, topic, unique('group-b'), async (batch) => void b.push(...batch.messages.map(text)));
      await pollUntil(() => a.length === 20 && b.length === 20, { timeoutMs: setup.timeoutMs, what: 'both groups' });
      expect(new Set(a)).toEqual(new Set(b));
    });

    it('shares the partitions of a topic among the members of one group', async () => {
      const bus = setup.bus();
      const topic = await topicWith(bus, 4);
      const group = unique('group');
      const byMember: Record<string, Set<number>> = { one: new Set(), two: new Set() };
      const count = { n: 0 };
      await subscribe(bus, topic, group, async (b) => {
        byMember.one!.add(b.partition);
        count.n += b.messages.length;
      });
      await subscribe(bus, topic, group, async (b) => {
        byMember.two!.add(b.partition);
        count.n += b.messages.length;
      });
      // Publish after both joined, repeatedly, until each member has been handed something.
      await pollUntil(
        async () => {
          await bus.publish(
            topic,
            Array.from({ length: 40 }, (_, i) => ({ key: `key-${i}`, value: Buffer.from('x') })),
          );
          return byMember.one!.size > 0 && byMember.two!.size > 0;
        },
        { timeoutMs: setup.timeoutMs, intervalMs: 500, what: 'both members to receive partitions' },
      );
      expect(new Set([...byMember.one!, ...byMember.two!]).size).toBe(4);
    });
  });
}
