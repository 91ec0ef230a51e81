import { pollUntil } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { busContract } from '../contract/bus.contract.suite';
import { MemoryBus } from './memory.bus';

busContract('in-process', { bus: () => new MemoryBus({ retryDelayMs: 5 }), timeoutMs: 5_000 });

describe('in-process bus memory', () => {
  it('holds only what some group has not committed yet, beyond the retained tail', async () => {
    const bus = new MemoryBus({ retryDelayMs: 5, retainPerPartition: 10 });
    await bus.ensureTopics([{ topic: 't', partitions: 2 }]);
    let seen = 0;
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (b) => void (seen += b.messages.length),
    });
    await bus.publish(
      't',
      Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: Buffer.from('x') })),
    );
    await pollUntil(() => seen === 100, { timeoutMs: 5000 });
    await pollUntil(() => bus.held('t') === 20, { timeoutMs: 5000, what: 'trim after commit' });
    // Offsets keep counting after a trim.
    const offsets: string[] = [];
    await sub.stop();
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handler: async (b) => void offsets.push(...b.messages.map((m) => m.offset)),
    });
    await bus.publish('t', [{ key: 'k0', value: Buffer.from('y') }]);
    await pollUntil(() => offsets.length === 1, { timeoutMs: 5000 });
    expect(Number(offsets[0])).toBeGreaterThan(0);
    await bus.close();
  });
});
