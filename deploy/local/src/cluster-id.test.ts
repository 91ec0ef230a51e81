import { describe, expect, it } from 'vitest';
import { clusterId } from './kafka-launcher';

describe('clusterId', () => {
  it('is 16 random bytes in URL-safe base64 that the storage tool cannot mistake for an option', () => {
    const ids = Array.from({ length: 20_000 }, clusterId);
    // With 20,000 draws, about 300 would start with '-' if nothing prevented it.
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
