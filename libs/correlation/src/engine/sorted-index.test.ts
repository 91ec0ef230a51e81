import { describe, expect, it } from 'vitest';
import { SortedIndex } from './sorted-index';

describe('SortedIndex', () => {
  it('answers ranges in key order and forgets removed ids', () => {
    const index = new SortedIndex();
    for (const [k, id] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c'],
      [3, 'c2'],
      [9, 'i'],
    ] as const)
      index.insert(k, id);
    expect(index.range(2, 5)).toEqual(['c2', 'c', 'e']);
    expect(index.range(0, 100)).toHaveLength(5);
    expect(index.remove(3, 'c')).toBe(true);
    expect(index.remove(3, 'nope')).toBe(false);
    expect(index.range(3, 3)).toEqual(['c2']);
    expect(index.size).toBe(4);
  });
});
